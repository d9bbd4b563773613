import { describe, expect, it } from 'vitest';
import { DEFAULT_JOIN_THRESHOLD, StoryClusterer } from './cluster-stream.js';
import { shippedStoryJoinModel, STORY_JOIN_FEATURES } from './story-join.js';

const GAZA_1 = {
  id: 'g1',
  title: 'Hamas leaders weigh exit from Qatar as ceasefire talks stall',
  text: 'Hamas political leaders are considering leaving Qatar after mediators in Doha said ceasefire talks over Gaza hostages had stalled.',
  published: '2024-11-10T08:00:00Z',
};
const GAZA_2 = {
  id: 'g2',
  title: 'Qatar may expel Hamas officials, ceasefire mediation suspended',
  text: 'Qatar told Hamas its officials may have to leave Doha as the Gulf state suspended its mediation of Gaza ceasefire and hostage talks.',
  published: '2024-11-10T12:00:00Z',
};
const FLOOD_1 = {
  id: 'f1',
  title: 'Floods in Valencia kill dozens as torrential rain hits Spain',
  text: 'Flash floods swept through towns around Valencia after torrential rain, killing dozens and stranding motorists on flooded highways.',
  published: '2024-11-10T09:00:00Z',
};
const FLOOD_2 = {
  id: 'f2',
  title: 'Spain mourns Valencia flood victims as rescuers search towns',
  text: 'Rescuers searched flooded towns near Valencia for survivors as Spain declared mourning for the victims of the flash floods.',
  published: '2024-11-10T15:00:00Z',
};
/** An older event on the same people: earlier talks, months before, outside the window. */
const GAZA_OLD = {
  id: 'g0',
  title: 'Hamas and Qatar mediators open ceasefire talks in Doha',
  text: 'Hamas negotiators met Qatar mediators in Doha to open talks on a Gaza ceasefire and the release of hostages.',
  published: '2024-05-02T10:00:00Z',
};

describe('StoryClusterer', () => {
  it('continues from replayed assignments with the ids its store hands out', () => {
    let next = 41;
    const clusterer = new StoryClusterer({ newStoryId: () => `story-${next++}` });
    clusterer.restore(GAZA_1, 'story-7');
    expect(clusterer.add(GAZA_2).story).toBe('story-7');
    expect(clusterer.add(FLOOD_1).story).toBe('story-41');
    expect(clusterer.stories().map((story) => [story.id, story.articles])).toEqual([
      ['story-7', ['g1', 'g2']],
      ['story-41', ['f1']],
    ]);
  });

  it('forgets closed stories when told not to retain them', () => {
    const clusterer = new StoryClusterer({ retainClosed: false });
    clusterer.add(GAZA_OLD);
    clusterer.add(FLOOD_1);
    // GAZA_OLD is months older than the flood report: its story closed.
    expect(clusterer.stories().map((story) => story.articles)).toEqual([['f1']]);
  });

  it('keeps an older report that arrives late out of today’s story', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.add(GAZA_1);
    clusterer.add(GAZA_2);
    const late = clusterer.add(GAZA_OLD);
    expect(late.story).not.toBe(first.story);
    expect(late.reason).toMatch(
      /^new story: the 1 open story sharing its rare terms is dated more than the window from it$/,
    );
  });

  it('keeps two events apart and joins each one’s reports', () => {
    const clusterer = new StoryClusterer();
    const stories = [GAZA_1, FLOOD_1, GAZA_2, FLOOD_2].map((a) => clusterer.add(a).story);
    expect(stories[0]).not.toBe(stories[1]);
    expect(stories[2]).toBe(stories[0]);
    expect(stories[3]).toBe(stories[1]);
    const summaries = clusterer.stories();
    expect(summaries.map((s) => s.articles)).toEqual([
      ['g1', 'g2'],
      ['f1', 'f2'],
    ]);
    expect(summaries[0]!.span).toEqual({ from: GAZA_1.published, to: GAZA_2.published });
    expect(summaries[0]!.title).toBe(GAZA_1.title);
  });

  it('separates an older related event that fell out of the time window', () => {
    const clusterer = new StoryClusterer();
    const old = clusterer.add(GAZA_OLD).story;
    const recent = clusterer.add(GAZA_1);
    expect(recent.story).not.toBe(old);
    expect(recent.reason).toMatch(/^new story: /);
    expect(clusterer.openStories()).toBe(1);
  });

  it('explains a join with its probability, evidence and shared terms, and a new story with the best match', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.add(GAZA_1);
    expect(first.reason).toBe('new story: no story shares a rare term');
    const flood = clusterer.add(FLOOD_1);
    expect(flood.reason).toMatch(
      /^new story: (best match 0\.\d\d \(s1: cosine .*\) below 0\.4|no story shares a rare term)$/,
    );
    const joined = clusterer.add(GAZA_2);
    expect(joined.reason).toMatch(
      /^joined s1: cosine 0\.\d\d with its centroid, 0\.\d\d with its closest report, title 0\.\d\d, .*above the runner-up \(join probability (0\.\d\d|1\.00)\), shared terms: \S+, \S+, \S+$/,
    );
    expect(joined.reason).toContain('qatar');
  });

  it('weighs a shared figure and a clear lead over the runner-up as evidence of one event', () => {
    const clusterer = new StoryClusterer();
    clusterer.add({
      id: 'c1',
      title: 'Jobless claims rise to 853,000',
      text: 'Initial claims for unemployment benefits rose by 137,000 to 853,000 last week.',
    });
    clusterer.add(FLOOD_1);
    const [candidate, ...others] = clusterer.weigh({
      id: 'c2',
      title: 'Unemployment claims jump to three-month high',
      text: 'Applications for jobless benefits rose by 137,000 to 853,000, the highest since September.',
    });
    expect(others).toEqual([]);
    expect(candidate!.story).toBe('s1');
    expect(candidate!.evidence.sharedFigures).toBe(2);
    expect(candidate!.evidence.rankedFirst).toBe(true);
    expect(candidate!.evidence.marginOverRunnerUp).toBeCloseTo(
      candidate!.evidence.centroidCosine,
      10,
    );
    expect(candidate!.probability).toBeGreaterThan(0.5);
  });

  it('lets a join model decide: a model that never joins keeps every report apart', () => {
    const never = {
      about: 'test',
      features: [...STORY_JOIN_FEATURES],
      weights: STORY_JOIN_FEATURES.map(() => 0),
      bias: -50,
      threshold: 0.5,
    };
    const clusterer = new StoryClusterer({ joinModel: never });
    const stories = [GAZA_1, GAZA_2].map((a) => clusterer.add(a));
    expect(stories[1]!.story).not.toBe(stories[0]!.story);
    expect(stories[1]!.reason).toMatch(/^new story: best match 0\.00 \(s1: /);
  });

  it('defaults to the threshold the trainer chose for the shipped model', () => {
    expect(DEFAULT_JOIN_THRESHOLD).toBe(shippedStoryJoinModel().threshold);
  });

  it('without dates keeps only the last N stories open', () => {
    const clusterer = new StoryClusterer({ windowStories: 1 });
    const gaza = clusterer.add({ id: 'a', title: GAZA_1.title, text: GAZA_1.text }).story;
    clusterer.add({ id: 'b', title: FLOOD_1.title, text: FLOOD_1.text });
    const again = clusterer.add({ id: 'c', title: GAZA_2.title, text: GAZA_2.text }).story;
    expect(again).not.toBe(gaza);
    expect(clusterer.openStories()).toBe(1);
    expect(clusterer.stories()).toHaveLength(3);
  });

  it('is deterministic', () => {
    const run = (): string[] => {
      const clusterer = new StoryClusterer();
      return [GAZA_1, FLOOD_1, GAZA_2, FLOOD_2].map((a) => clusterer.add(a).reason);
    };
    expect(run()).toEqual(run());
  });
});
