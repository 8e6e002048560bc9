import { TRIGGERS } from '../../shared/triggers';

describe('triggers', () => {
  describe('TRIGGERS', () => {
    it.each(TRIGGERS.map((t) => [t.name, t] as const))('%s: its name is its own (and not the CLI\'s "cli"), its FC trigger type too', (name, trigger) => {
      expect(TRIGGERS.filter((t) => t.name === name)).toEqual([trigger]);
      expect(TRIGGERS.filter((t) => t.fcTriggerType === trigger.fcTriggerType)).toEqual([trigger]);
      expect(name).not.toBe('cli');
    });
  });
});
