import { describe, expect, it } from 'vitest';
import { type AnswerState, applyChunk, EMPTY_ANSWER } from './chat-stream.js';

const passage = {
  kind: 'guideline',
  passageId: 'curb65-bts-nice:2019:severity',
  guideline: 'curb65-bts-nice',
  edition: '2019',
  section: 'Severity assessment',
  current: true,
  source: 'NICE NG138',
  text: 'A score of 3 or more …',
} as const;
const tool = {
  kind: 'tool',
  toolCallId: 'call_1',
  tool: 'risk_curb65',
  engineId: 'risk.curb65',
  arguments: { age: 80 },
  ok: true,
  result: { score: 2 },
} as const;

const fold = (chunks: readonly unknown[]): AnswerState =>
  chunks.reduce<AnswerState>(
    (state, c) => applyChunk(state, typeof c === 'string' ? c : JSON.stringify(c)),
    EMPTY_ANSWER,
  );

describe('applyChunk', () => {
  it('builds the answer from OpenAI chunks and the healthgpt extension, in the order the gateway sends them', () => {
    const answer = fold([
      {
        model: 'healthgpt-retrieval',
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      },
      {
        choices: [{ index: 0, delta: {}, finish_reason: null }],
        healthgpt: {
          tool_call: { id: 'call_1', name: 'risk_curb65', arguments: '{"age":80}', citations: [tool] },
        },
      },
      { choices: [{ index: 0, delta: { content: 'CURB-65 ' }, finish_reason: null }] },
      { choices: [{ index: 0, delta: { content: 'is 2.' }, finish_reason: null }] },
      {
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        healthgpt: {
          generated: false,
          provider: 'none',
          citations: [tool, passage],
          tool_calls: [{ id: 'call_1', name: 'risk_curb65', arguments: '{"age":80}', citations: [tool] }],
        },
      },
      '[DONE]',
    ]);
    expect(answer).toEqual({
      text: 'CURB-65 is 2.',
      model: 'healthgpt-retrieval',
      toolCalls: [{ id: 'call_1', name: 'risk_curb65', arguments: '{"age":80}', citations: [tool] }],
      citations: [tool, passage],
      generated: false,
      provider: 'none',
      finishReason: 'stop',
      done: true,
    });
  });

  it('shows a tool call as soon as it arrives, before the final chunk', () => {
    const midway = fold([
      {
        choices: [{ delta: {} }],
        healthgpt: {
          tool_call: { id: 'c', name: 'guideline_lookup', arguments: '{}', citations: [passage] },
        },
      },
    ]);
    expect(midway.toolCalls).toHaveLength(1);
    expect(midway.generated).toBeUndefined();
    expect(midway.done).toBe(false);
  });

  it('ends with the error an in-stream error chunk carries, keeping the text so far', () => {
    const failed = fold([
      { choices: [{ delta: { content: 'Partial' } }] },
      { error: { message: 'the model server went away', code: 'upstream-failed' } },
    ]);
    expect(failed).toMatchObject({ text: 'Partial', error: 'the model server went away', done: true });
    expect(fold(['not json'])).toMatchObject({ error: expect.stringContaining('not JSON'), done: true });
  });
});
