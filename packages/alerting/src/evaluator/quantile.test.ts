import { describe, expect, it } from "vitest";
import { bucketQuantile } from "./quantile.js";

describe("bucketQuantile", () => {
  it("interpolates within the bucket holding the rank, as histogram_quantile does", () => {
    const buckets = [
      { upper: 1, count: 50 },
      { upper: 2.5, count: 90 },
      { upper: Number.POSITIVE_INFINITY, count: 100 },
    ];
    expect(bucketQuantile(0.5, buckets)).toBe(1);
    expect(bucketQuantile(0.7, buckets)).toBeCloseTo(1 + 1.5 * (20 / 40));
    expect(bucketQuantile(0.95, buckets)).toBe(2.5);
  });

  it("is NaN without observations or without a +Inf bucket", () => {
    expect(
      bucketQuantile(0.5, [
        { upper: 1, count: 0 },
        { upper: Number.POSITIVE_INFINITY, count: 0 },
      ]),
    ).toBeNaN();
    expect(
      bucketQuantile(0.5, [
        { upper: 1, count: 3 },
        { upper: 2, count: 4 },
      ]),
    ).toBeNaN();
  });
});
