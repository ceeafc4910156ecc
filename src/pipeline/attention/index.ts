export { attentionFromOutputs, attentionHeatmap, attentionShares, shareInMask, type AttentionLevel, type StepAttention } from './attention-maps.js';
export { attentionWords, wordShares, type AttentionWord, type AttentionWordKind } from './attention-words.js';
export { attentionAt, generateWithAttention, hasAttentionMaps, stepAttention } from './attention-run.js';
export { attentionOverlay } from './attention-overlay.js';
