import type { CpuProfile, CpuProfileNode } from "./cpu-profile.js";
import { describeFrame, type Frame, IDLE_FRAME, ROOT_FRAME } from "./frame.js";
import type { HeapProfile, HeapProfileNode } from "./heap-profile.js";

/** A call tree with a value per frame: `self` for the frame alone, `total` with its callees. */
export interface FrameTree extends Frame {
  self: number;
  total: number;
  children: FrameTree[];
}

/** CPU samples per frame; idle samples are dropped (they are not CPU time). */
export function cpuFrameTree(profile: CpuProfile): FrameTree {
  const byId = new Map<number, CpuProfileNode>(profile.nodes.map((node) => [node.id, node]));
  const root = profile.nodes[0];
  const build = (node: CpuProfileNode, depth: number): FrameTree => {
    const children: FrameTree[] = [];
    // Call trees are shallow in practice; the depth bound only guards against a malformed profile.
    if (depth < 1024) {
      for (const childId of node.children ?? []) {
        const child = byId.get(childId);
        if (child && child.callFrame.functionName !== IDLE_FRAME) children.push(build(child, depth + 1));
      }
    }
    return withTotals(describeFrame(node.callFrame), node.hitCount ?? 0, children);
  };
  const tree = root ? build(root, 0) : withTotals({ name: ROOT_FRAME, file: "", line: 0 }, 0, []);
  return { ...tree, name: "all", self: 0, total: tree.total - tree.self };
}

/** Sampled live bytes per frame. */
export function heapFrameTree(profile: HeapProfile): FrameTree {
  const build = (node: HeapProfileNode, depth: number): FrameTree =>
    withTotals(
      describeFrame(node.callFrame),
      node.selfSize,
      depth < 1024 ? node.children.map((child) => build(child, depth + 1)) : [],
    );
  const tree = build(profile.head, 0);
  return { ...tree, name: "all", self: 0, total: tree.total - tree.self };
}

function withTotals(frame: Frame, self: number, children: FrameTree[]): FrameTree {
  const kept = children.filter((child) => child.total > 0);
  const total = kept.reduce((sum, child) => sum + child.total, self);
  return { ...frame, self, total, children: kept };
}
