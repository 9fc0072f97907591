import { Writable } from 'node:stream';
import { createLogger } from '../../platform/logger';
import { sdkLogger } from '../../worker/sdk-logger';

/** The Temporal SDK's log lines, written as trustladder's own, about the contributor they concern. */
describe('SDK logger', () => {
  function capture(level: string) {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { lines, logger: sdkLogger(createLogger(level, 'worker', destination)) };
  }

  test('when the SDK logs about a workflow, then the line carries its contributor and the error under err', () => {
    const { lines, logger } = capture('info');
    logger.warn('Activity failed', {
      workflowId: 'contributor-0123456789abcdef01234567.promotion-1',
      error: new Error('SMTP down'),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'Activity failed',
      contributorId: '0123456789abcdef01234567',
      err: { message: 'SMTP down' },
    });
  });

  test('when the SDK logs below the level, then nothing is written', () => {
    const { lines, logger } = capture('info');
    logger.debug('Activity started', { workflowId: 'contributor-0123456789abcdef01234567' });
    logger.trace('Polling');
    logger.log('DEBUG', 'Workflow completed');
    expect(lines).toHaveLength(0);
    logger.info('Worker state changed');
    expect(lines.map((l) => l.msg)).toEqual(['Worker state changed']);
  });
});
