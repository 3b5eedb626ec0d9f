import { type CompiledMatcher, compileMatchers, type MatcherInput, matchesAll } from "./matchers.js";

export interface RouteConfig {
  /** The receiver; children inherit their parent's. Required on the root: it is the default receiver. */
  receiver?: string;
  matchers?: MatcherInput[];
  /** Keep looking at the following siblings after this route matched. */
  continue?: boolean;
  /** Labels to group by; children inherit. `"..."` groups by every label. */
  groupBy?: string[] | "...";
  /** Escalation policy name for alerts that end here; children inherit. */
  escalation?: string;
  routes?: RouteConfig[];
}

export interface MatchedRoute {
  receiver: string;
  groupBy: string[] | "...";
  escalation?: string;
  /** Child indexes from the root: [] is the root, [1, 0] the first child of the second child. */
  path: number[];
}

export interface Router {
  /** The routes an alert with these labels goes to, in tree order; never empty (the root catches the rest). */
  match(labels: Record<string, string>): MatchedRoute[];
  receivers(): string[];
}

interface Node {
  matchers: CompiledMatcher[];
  continue: boolean;
  route: MatchedRoute;
  children: Node[];
}

function build(config: RouteConfig, parent: MatchedRoute | undefined, path: number[]): Node {
  if (config === null || typeof config !== "object")
    throw new TypeError(`route ${path.join(".") || "root"} must be an object`);
  const receiver = config.receiver ?? parent?.receiver;
  if (typeof receiver !== "string" || receiver === "") {
    throw new TypeError("the root route needs a receiver: it is the default for alerts no child route matches");
  }
  const route: MatchedRoute = { receiver, groupBy: config.groupBy ?? parent?.groupBy ?? ["alertname"], path };
  const escalation = config.escalation ?? parent?.escalation;
  if (escalation !== undefined) route.escalation = escalation;
  if (config.routes !== undefined && !Array.isArray(config.routes)) throw new TypeError("routes must be an array");
  return {
    matchers: compileMatchers(config.matchers),
    continue: config.continue === true,
    route,
    children: (config.routes ?? []).map((child, index) => build(child, route, [...path, index])),
  };
}

// Alertmanager's algorithm: depth first; the first matching child wins unless it has `continue`;
// a node none of whose children match is itself the match.
function walk(node: Node, labels: Record<string, string>): MatchedRoute[] | undefined {
  if (!matchesAll(node.matchers, labels)) return undefined;
  const found: MatchedRoute[] = [];
  for (const child of node.children) {
    const matched = walk(child, labels);
    if (!matched) continue;
    found.push(...matched);
    if (!child.continue) break;
  }
  return found.length > 0 ? found : [node.route];
}

/** Compiles a routing tree; throws on a missing root receiver, a malformed matcher or an invalid regex. */
export function createRouter(root: RouteConfig): Router {
  if (root?.matchers !== undefined && root.matchers.length > 0) {
    throw new TypeError("the root route matches every alert: put matchers on child routes");
  }
  const tree = build(root, undefined, []);
  const receivers = new Set<string>();
  const collect = (node: Node) => {
    receivers.add(node.route.receiver);
    node.children.forEach(collect);
  };
  collect(tree);
  return {
    match: (labels) => walk(tree, labels) ?? [tree.route],
    receivers: () => [...receivers],
  };
}
