export type { WebhookAlert, WebhookPayload } from "./alert-payload.js";
export { alertFingerprint } from "./alert-payload.js";
export type { AlertStatus, Evaluator, EvaluatorOptions } from "./evaluator/create-evaluator.js";
export { createEvaluator } from "./evaluator/create-evaluator.js";
export type { PayloadTarget } from "./evaluator/deliver.js";
export type { RegistryLike } from "./evaluator/snapshot.js";
export type {
  CounterRateOptions,
  ErrorRatioOptions,
  GaugeThresholdOptions,
  LatencyQuantileOptions,
} from "./rules/builders.js";
export {
  absentRule,
  counterRateRule,
  defineRule,
  errorRatioRule,
  gaugeThresholdRule,
  latencyQuantileRule,
  promqlRule,
  ratioRule,
  targetDownRule,
} from "./rules/builders.js";
export type { PeriscopeRuleOptions } from "./rules/catalog/common.js";
export { HEALTH_CHECK_METRICS, NODE_EXPORTER_METRICS, PROCESS_METRICS } from "./rules/catalog/external-metrics.js";
export { periscopeRuleGroups } from "./rules/catalog/index.js";
export { parseDuration } from "./rules/duration.js";
export type { PeriscopeRuleFileOptions } from "./rules/generate.js";
export { DEFAULT_RUNBOOK_BASE_URL, periscopeRuleFiles } from "./rules/generate.js";
export { conditionExpression } from "./rules/promql.js";
export type { GeneratedFile, RenderOptions } from "./rules/render.js";
export {
  generateRuleFiles,
  renderRuleFile,
  renderRuleTests,
  runbookUrl,
  toPrometheusRule,
} from "./rules/render.js";
export type { SloBurnRateOptions } from "./rules/slo.js";
export { sloBurnRateRules } from "./rules/slo.js";
export { expandTemplate } from "./rules/template.js";
export type {
  AbsentCondition,
  Aggregation,
  AlertRule,
  BurnRateCondition,
  BurnWindow,
  Comparison,
  Condition,
  CounterRateCondition,
  ExpectedAlert,
  GaugeCondition,
  LabelMatcher,
  LatencyQuantileCondition,
  PromqlCondition,
  RatioCondition,
  RuleCommon,
  RuleGroup,
  RuleTestCase,
  Selector,
  ServiceLevelIndicator,
  Severity,
  TargetDownCondition,
} from "./rules/types.js";
