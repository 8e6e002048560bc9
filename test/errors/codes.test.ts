import { BlastRadiusError, hasCode, InvalidInputError, isAutotagError } from '../../shared/errors';

describe('errors', () => {
  describe('isAutotagError / hasCode', () => {
    it('recognise autotag errors by their mark and code', () => {
      const e = new InvalidInputError([{ field: 'x', message: 'bad' }]);
      expect(isAutotagError(e)).toBe(true);
      expect(hasCode(e, 'INVALID_INPUT')).toBe(true);
      expect(hasCode(e, 'GUARD_BLAST_RADIUS')).toBe(false);
      expect(hasCode(new BlastRadiusError(10, 5), 'GUARD_BLAST_RADIUS')).toBe(true);
    });

    it("recognise an error another bundle built (its own copy of the classes), which instanceof cannot", () => {
      // what a function bundle's InvalidInputError looks like from the CLI's bundle: another class, the same mark
      class ForeignInvalidInput extends Error {
        readonly code = 'INVALID_INPUT';
        readonly issues = [{ field: 'AUTOTAG_X', message: 'is not a variable autotag reads' }];
        readonly subject = 'configuration';
        constructor() {
          super('invalid configuration');
          Object.defineProperty(this, Symbol.for('autotag.error'), { value: true });
        }
      }
      const foreign = new ForeignInvalidInput();
      expect(foreign instanceof InvalidInputError).toBe(false);
      expect(hasCode(foreign, 'INVALID_INPUT')).toBe(true);
      expect(hasCode(foreign, 'INVALID_INPUT') && foreign.issues[0].field).toBe('AUTOTAG_X');
    });

    it('do not mistake other errors that carry a code (Node system errors) for autotag errors', () => {
      const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' });
      const lookalike = Object.assign(new Error('x'), { code: 'INVALID_INPUT' });
      expect(isAutotagError(enoent)).toBe(false);
      expect(hasCode(lookalike, 'INVALID_INPUT')).toBe(false);
      expect(isAutotagError(undefined)).toBe(false);
    });
  });
});
