import { FixNotWritable } from '../textEdit';
import type { FixWriter } from '../writer';

// Replaced by the real writer in this session's work on fixes.
export const bicepWriter: FixWriter = {
  edits() {
    throw new FixNotWritable('not written yet');
  },
};
