import type { Story, TimelineEntry } from '../model/story.js';

/** The story timeline: every article's dated events, oldest first. (Being written: issue 5.) */
export function buildTimeline(story: Story): TimelineEntry[] {
  void story;
  return [];
}
