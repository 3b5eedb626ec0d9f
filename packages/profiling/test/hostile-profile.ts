import type { CpuProfile } from "../src/cpu-profile.js";

/** Function and file names that would break an SVG, or an HTML page around it, if not escaped. */
export const HOSTILE_NAMES = [
  `</title></g><script>alert("x")</script>`,
  `a & b < c > d "quoted" 'single'`,
  `]]><!-- <![CDATA[ x`,
  "control\u0001\u0008\u001fchars\uFFFE and a lone \uD800 surrogate",
  `${"veryLongFunctionName".repeat(20)}`,
];

/** A small synthetic profile: root -> main -> (each hostile name), with hits at the leaves. */
export function hostileCpuProfile(): CpuProfile {
  const frame = (functionName: string, url = 'file:///srv/app/<evil>&"file".js', lineNumber = 9) => ({
    functionName,
    scriptId: "1",
    url,
    lineNumber,
    columnNumber: 4,
  });
  const leaves = HOSTILE_NAMES.map((name, index) => ({
    id: 3 + index,
    callFrame: frame(name),
    hitCount: 10 * (index + 1),
    children: [],
  }));
  return {
    nodes: [
      { id: 1, callFrame: frame("(root)", "", -1), hitCount: 0, children: [2, 99] },
      { id: 2, callFrame: frame("main"), hitCount: 5, children: leaves.map((leaf) => leaf.id) },
      ...leaves,
      { id: 99, callFrame: frame("(idle)", "", -1), hitCount: 1000, children: [] },
    ],
    startTime: 1_000_000,
    endTime: 3_000_000,
    samples: [],
    timeDeltas: [],
  };
}
