// The data layer on SQLite (the suite is in __tests__/suite.ts).
import { describe } from "vitest";
import { dataLayerSuite } from "./__tests__/suite";

describe("data layer on sqlite", () => dataLayerSuite("sqlite"));
