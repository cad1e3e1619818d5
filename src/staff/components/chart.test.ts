/**
 * The chart's canvas query on a phone: the Canvas 2d node can be missing from the first answers
 * after a render, so it is asked again with growing pauses until it has a node and a size, and
 * given up quietly (no chart, no crash) when it never comes or the chart went away.
 */
jest.mock('@tarojs/components', () => ({ Canvas: () => null, View: () => null }));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: class {} }));

import { CANVAS_RETRY_MS, findCanvas } from './chart';

type Found = Awaited<ReturnType<typeof findCanvas>>;
const node = { node: {} as NonNullable<Found>['node'], width: 320, height: 240 };

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function run(query: (id: string) => Promise<Found>, cancelled = () => false): Promise<Found> {
  const p = findCanvas('c1', cancelled, query);
  for (let i = 0; i < CANVAS_RETRY_MS.length + 1; i++) await jest.advanceTimersByTimeAsync(2000);
  return p;
}

it('asks again until the node is there with a size', async () => {
  const answers: Found[] = [undefined, { ...node, node: undefined }, { ...node, width: 0 }, node];
  const query = jest.fn(async () => answers.shift());
  await expect(run(query)).resolves.toBe(node);
  expect(query).toHaveBeenCalledTimes(4);
});

it('gives up after the last retry when the node never comes', async () => {
  const query = jest.fn(async () => undefined);
  await expect(run(query)).resolves.toBeUndefined();
  expect(query).toHaveBeenCalledTimes(CANVAS_RETRY_MS.length);
});

it('stops asking once the chart is gone', async () => {
  let gone = false;
  const query = jest.fn(async () => {
    gone = true;
    return undefined;
  });
  await expect(run(query, () => gone)).resolves.toBeUndefined();
  expect(query).toHaveBeenCalledTimes(1);
});
