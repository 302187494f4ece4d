import { describe, expect, it } from "vitest";
import { MTYPES, mtypeName } from "../../../ric/rmr/mtypes.js";

describe("RMR message types", () => {
  it("are the platform's numbers, each used once, named back", () => {
    expect([MTYPES.RIC_SUB_REQ, MTYPES.RIC_INDICATION, MTYPES.RIC_CONTROL_REQ, MTYPES.A1_POLICY_REQ]).toEqual([
      12010, 12050, 12040, 20010,
    ]);
    const values = Object.values(MTYPES);
    expect(new Set(values).size).toBe(values.length);
    expect(mtypeName(12050)).toBe("RIC_INDICATION");
    expect(mtypeName(31337)).toBe("31337");
  });
});
