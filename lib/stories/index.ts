// Story grouping: reports of one event (other outlets, other wording, updates
// of one figure) form a story. Pure functions; see DESIGN.md for the rules.
export { groupStories, MAX_STORY_SIZE, type GroupOptions, type Grouping } from "./group";
export { toStoryArticle, type StoryRow } from "./input";
export { LEAD_CHARS, pairScore, prepare, sameStory, STORY_WINDOW_MS, type PairVerdict, type StoryArticle } from "./pair";
export { neighbourRanges, updateStories, type StoredReport, type StoryUpdateInput } from "./update";
