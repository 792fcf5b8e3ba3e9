import { describe, expect, it } from "vitest";
import { formatOperand, formatValue, parseNumber, parseOperand, parseValue, splitList } from "./values";

describe("parseValue", () => {
  it.each([
    ["true", true],
    [" false ", false],
    ["21", 21],
    ["-2.5", -2.5],
    ["1e3", 1000],
    ["eu", "eu"],
    ['"21"', "21"],
    ['"true"', "true"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["", ""],
    ["store live", "store live"],
  ])("%j reads as %j", (text, expected) => {
    expect(parseValue(text)).toStrictEqual(expected);
  });
});

describe("formatValue", () => {
  it.each([true, 3, 2.5, "eu", "21", "true", "", "a, b", 'q"uote'])("%j round-trips", (value) => {
    expect(parseValue(formatValue(value))).toStrictEqual(value);
  });

  it("quotes texts that would read as something else", () => {
    expect(formatValue("21")).toBe('"21"');
    expect(formatValue("eu")).toBe("eu");
  });
});

describe("operands", () => {
  it("reads lists for in and not_in", () => {
    expect(parseOperand("in", "eu, us")).toStrictEqual(["eu", "us"]);
    expect(parseOperand("not_in", '1, "a, b", true')).toStrictEqual([1, "a, b", true]);
    expect(parseOperand("in", "  ")).toStrictEqual([]);
  });

  it("reads one value for the other operators, commas included", () => {
    expect(parseOperand("eq", "a, b")).toBe("a, b");
    expect(parseOperand("ge", "21")).toBe(21);
  });

  it("writes lists so that they read back", () => {
    const list = ["eu", "a, b", 3, "3"];
    expect(parseOperand("in", formatOperand(list))).toStrictEqual(list);
  });

  it("splits on commas outside quotes only", () => {
    expect(splitList('a,"b,c", d')).toStrictEqual(["a", '"b,c"', "d"]);
    expect(splitList("a,,b")).toStrictEqual(["a", "", "b"]);
  });
});

describe("parseNumber", () => {
  it("gives NaN for blank or malformed text, so the app names the field", () => {
    expect(parseNumber(" 7 ")).toBe(7);
    expect(parseNumber("")).toBeNaN();
    expect(parseNumber("seven")).toBeNaN();
  });
});
