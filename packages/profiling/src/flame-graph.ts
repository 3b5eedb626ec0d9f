import type { FrameTree } from "./frame-tree.js";
import { escapeXml } from "./xml-escape.js";

export interface FlameGraphOptions {
  /** Heading drawn above the graph. */
  title?: string;
  /** What a frame's value counts, shown in the hover text: "samples" for CPU, "bytes" for heap. */
  unit?: string;
  /** Image width in pixels. Default 1200. */
  width?: number;
}

const FRAME_HEIGHT = 18;
const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const PADDING = 10;
const HEADER = 36;
/** Frames narrower than this are not drawn: they could not be seen or hovered. */
const MIN_FRAME_WIDTH = 0.5;

/**
 * A self-contained flame graph: the root at the bottom, callers below callees, each frame as wide
 * as its value with its callees included. No scripts, no external fonts; hover text per frame.
 */
export function renderFlameGraph(tree: FrameTree, options: FlameGraphOptions = {}): string {
  const width = options.width ?? 1200;
  const unit = options.unit ?? "samples";
  const graphWidth = width - 2 * PADDING;
  const depth = maxDepth(tree, 0);
  const height = HEADER + (depth + 1) * FRAME_HEIGHT + PADDING;
  const scale = tree.total > 0 ? graphWidth / tree.total : 0;
  const frames: string[] = [];

  const draw = (node: FrameTree, x: number, level: number) => {
    const frameWidth = node.total * scale;
    if (frameWidth < MIN_FRAME_WIDTH) return;
    const y = height - PADDING - (level + 1) * FRAME_HEIGHT;
    frames.push(frame(node, x, y, frameWidth, tree.total, unit));
    let childX = x;
    for (const child of node.children) {
      draw(child, childX, level + 1);
      childX += child.total * scale;
    }
  };
  if (tree.total > 0) draw(tree, PADDING, 0);

  const title = options.title ?? "Flame graph";
  const subtitle =
    tree.total > 0 ? `${formatNumber(tree.total)} ${unit}; width = ${unit} including callees` : `no ${unit} recorded`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fdfaf4"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="16" fill="#222">${escapeXml(title)}</text>`,
    `<text x="${PADDING}" y="32" fill="#555">${escapeXml(subtitle)}</text>`,
    ...frames,
    "</svg>",
    "",
  ].join("\n");
}

function frame(node: FrameTree, x: number, y: number, width: number, rootTotal: number, unit: string): string {
  const percent = ((node.total / rootTotal) * 100).toFixed(2);
  const where = node.file ? ` (${node.file}${node.line > 0 ? `:${node.line}` : ""})` : "";
  const hover = `${node.name}${where}\n${formatNumber(node.total)} ${unit}, ${percent}% (self ${formatNumber(node.self)})`;
  const label = fitLabel(node.name, width);
  return [
    "<g>",
    `<title>${escapeXml(hover)}</title>`,
    `<rect x="${round(x)}" y="${y}" width="${round(width)}" height="${FRAME_HEIGHT - 1}" rx="2" fill="${colour(node.name)}"/>`,
    label ? `<text x="${round(x + 3)}" y="${y + FRAME_HEIGHT - 5}" fill="#111">${escapeXml(label)}</text>` : "",
    "</g>",
  ].join("");
}

/** The name cut to what fits in `width` pixels, ending in ".." when cut; empty when under 3 chars fit. */
function fitLabel(name: string, width: number): string {
  const characters = [...name];
  const fits = Math.floor((width - 6) / CHAR_WIDTH);
  if (fits < 3) return "";
  return characters.length <= fits ? name : `${characters.slice(0, fits - 2).join("")}..`;
}

/** Warm colours from a hash of the name, so a function keeps its colour; V8's pseudo-frames are grey. */
function colour(name: string): string {
  if (name === "all") return "rgb(210,210,210)";
  if (name.startsWith("(")) return "rgb(190,190,200)";
  let hash = 2166136261;
  for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 16777619);
  const spread = (hash >>> 0) / 4294967295;
  return `rgb(${205 + Math.round(50 * spread)},${80 + Math.round(150 * (1 - spread))},${Math.round(55 * spread)})`;
}

function maxDepth(node: FrameTree, level: number): number {
  return node.children.reduce((deepest, child) => Math.max(deepest, maxDepth(child, level + 1)), level);
}

function round(value: number): string {
  return value.toFixed(2).replace(/\.?0+$/, "");
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
