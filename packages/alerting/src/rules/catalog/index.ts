import type { RuleGroup } from "../types.js";
import type { PeriscopeRuleOptions } from "./common.js";
import { databaseRules } from "./database.js";
import { httpRules } from "./http.js";
import { llmRules } from "./llm.js";
import { sloRules } from "./slo.js";
import { systemRules } from "./system.js";
import { workRules } from "./work.js";

/** Periscope's alert catalog for one service, each group with the promtool tests of its rules. */
export function periscopeRuleGroups(options: PeriscopeRuleOptions): RuleGroup[] {
  return [
    httpRules(options),
    databaseRules(options),
    workRules(options),
    llmRules(options),
    systemRules(options),
    sloRules(options),
  ];
}
