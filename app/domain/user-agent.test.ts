import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

const UA = {
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
  firefoxLinux: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  chromeAndroid: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  operaWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0",
};

describe("describeUserAgent", () => {
  it.each([
    ["chromeWindows", "Chrome", "Windows"],
    ["edgeWindows", "Edge", "Windows"],
    ["firefoxLinux", "Firefox", "Linux"],
    ["safariMac", "Safari", "macOS"],
    ["safariIphone", "Safari", "iOS"],
    ["chromeAndroid", "Chrome", "Android"],
    ["operaWindows", "Opera", "Windows"],
  ] as const)("describes %s as %s on %s", (name, browser, system) => {
    expect(describeUserAgent(UA[name])).toEqual({ browser, system });
  });

  it("gives nulls for a missing header", () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, system: null });
    expect(describeUserAgent(undefined)).toEqual({ browser: null, system: null });
    expect(describeUserAgent("")).toEqual({ browser: null, system: null });
  });

  it("gives nulls for an unknown client such as curl", () => {
    expect(describeUserAgent("curl/8.5.0")).toEqual({ browser: null, system: null });
  });
});
