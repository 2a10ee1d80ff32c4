// The data layer on PostgreSQL (the suite is in __tests__/suite.ts): needs
// TEST_POSTGRES_URL, a server where a scratch database may be created (.ci/run starts one).
import { describe } from "vitest";
import { dataLayerSuite } from "./__tests__/suite";

describe.skipIf(!process.env.TEST_POSTGRES_URL)("data layer on postgresql", () => dataLayerSuite("postgresql"));
