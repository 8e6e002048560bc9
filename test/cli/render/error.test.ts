import { errorDocument, renderError } from '../../../cli/render/error';
import { AuthenticationError, InvalidInputError, PermissionError } from '../../../shared/errors';
import { registerSecret } from '../../../shared/log';

describe('cli/render/error', () => {
  describe('renderError', () => {
    it('lists every input issue with its file, rule and field', () => {
      const e = new InvalidInputError(
        [
          { file: 'rules.yaml', ruleId: 'r1', field: 'rules[0].tags.layer', message: 'value "x" is not declared: add it to tagKeys' },
          { file: 'rules.yaml', field: 'settings.maxBindings', message: 'must be a positive integer' },
        ],
        'rule set',
      );
      expect(renderError(e)).toBe(
        'Invalid rule set:\n  - rules.yaml: rule r1: rules[0].tags.layer: value "x" is not declared: add it to tagKeys\n  - rules.yaml: settings.maxBindings: must be a positive integer',
      );
    });

    it('masks a registered secret an issue quotes, as the JSON document does', () => {
      registerSecret('SECquoted-in-an-issue-4411');
      const e = new InvalidInputError([{ field: 'notify.secret', message: 'got "SECquoted-in-an-issue-4411"' }], 'rule set');
      expect(renderError(e)).toBe('Invalid rule set:\n  - notify.secret: got "[redacted]"');
      expect(JSON.stringify(errorDocument(e))).not.toContain('SECquoted-in-an-issue-4411');
    });

    it('names the RAM action a denied call needs and the command that prints the policy', () => {
      const e = new PermissionError({ action: 'TagDataAssets', serviceCode: 'Forbidden.RAM', requestId: 'req-1' });
      const text = renderError(e, { rulesFile: 'rules/example.yaml' });
      expect(text).toContain('"dataworks:TagDataAssets"');
      expect(text).toContain('autotag policy --rules rules/example.yaml');
      expect(text).not.toContain('    at ');
    });

    it('tells where credentials come from when they are refused', () => {
      const text = renderError(new AuthenticationError({ action: 'ListTasks', serviceCode: 'InvalidAccessKeyId.NotFound' }));
      expect(text).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
      expect(text).not.toContain('    at ');
    });

    it('shows the stack of an error autotag did not expect, with secrets masked', () => {
      registerSecret('s3cr3t-value-for-test');
      const text = renderError(new TypeError('boom s3cr3t-value-for-test'));
      expect(text).toContain('Unexpected error');
      expect(text).toContain('    at ');
      expect(text).not.toContain('s3cr3t-value-for-test');
    });
  });

  describe('errorDocument', () => {
    it('is the error as JSON, with its code and issues', () => {
      const doc = errorDocument(new InvalidInputError([{ field: 'f', message: 'm' }], 'rule set')) as { error: { code: string; issues: unknown[] } };
      expect(doc.error.code).toBe('INVALID_INPUT');
      expect(doc.error.issues).toEqual([{ field: 'f', message: 'm' }]);
    });
  });
});
