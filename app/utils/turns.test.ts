import { describe, expect, it } from "vitest";
import { inTurn, turns } from "./turns";

describe("turns", () => {
  it("are given in the order asked", async () => {
    const queue = turns();
    const order: number[] = [];
    const first = await queue.take();
    const second = queue.take().then((release) => (order.push(2), release()));
    const third = queue.take().then((release) => (order.push(3), release()));
    order.push(1);
    first();
    await Promise.all([second, third]);
    expect(order).toEqual([1, 2, 3]);
  });

  it("are given back when the work fails, so the next one still gets its turn", async () => {
    const queue = turns();
    await expect(inTurn(queue, () => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await inTurn(queue, () => Promise.resolve("next"))).toBe("next");
  });
});
