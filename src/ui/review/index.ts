/** Review and teaching views, mountable by the app: each takes the selected site and its result. */
export { ReviewPanel } from './ReviewPanel';
export { CompareLoopsView } from './CompareLoopsView';
export { TimelineView } from './TimelineView';
export { ByteRulerView } from './ByteRulerView';
export { TruthTableView } from './TruthTableView';
export { LintList } from './LintList';
export { NarrationView } from './NarrationView';
export { useReviewDeps } from './useReview';
