// The data layer on SQLite (the suite is in data-suite.ts).
import { describe } from "vitest";
import { dataLayerSuite } from "./data-suite";

describe("data layer on sqlite", () => dataLayerSuite("sqlite"));
