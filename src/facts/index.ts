/** The upstream fact table: what Rivven 0.0.22 really reads, serves and does, with citations. */
export { upstream, formatCitation, formatCitations, type Citation } from './citation.js';
export { rivvendListeners, rivvendEnv, helperEnv, rivvendHealth, rivvenImages, rivvenCli, rivvendMetrics, httpListenerScheme } from './rivvend.js';
export { operatorDefects, operatorWorkarounds, type CrdSchemaSource, type OperatorDefect } from './operator-defects.js';
export { operatorViews, fieldSurvives } from './operator-view.js';
export { topicSettingFacts, topicCreation, type TopicSetting } from './topic-settings.js';
export { featureFacts } from './features.js';
export { guideFacts } from './guide-facts.js';
export { renderRivvenFactsDoc } from './render-doc.js';
