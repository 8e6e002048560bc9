import { ansi } from '../../../cli/render/colour';
import { renderPlan, tally } from '../../../cli/render/plan';
import { binding, plan } from './fixtures';

describe('cli/render/plan', () => {
  describe('renderPlan', () => {
    it('groups bindings by rule in rule-set order, with counts per rule and in total', () => {
      const p = plan([
        binding({ ruleId: 'b-rule', assetId: '1', key: 'team', value: 'growth' }),
        binding({ ruleId: 'a-rule', assetId: '2' }),
        binding({ ruleId: 'a-rule', assetId: '3', action: 'present' }),
      ]);
      p.stats.matchedPerRule = { 'b-rule': 1, 'a-rule': 2 };
      const text = renderPlan(p);
      const lines = text.split('\n');
      const b = lines.findIndex((l) => l.startsWith('Rule b-rule'));
      const a = lines.findIndex((l) => l.startsWith('Rule a-rule'));
      expect(b).toBeGreaterThan(-1);
      expect(a).toBeGreaterThan(b);
      expect(lines[b]).toBe('Rule b-rule — matched 1 asset: 1 to bind · 0 present');
      expect(lines[a]).toBe('Rule a-rule — matched 2 assets: 1 to bind · 1 present');
      expect(lines[b + 1]).toMatch(/^ {2}\+ bind {6}name-1 \(1\) {2}team=growth$/);
      expect(text).toContain('Total: 2 to bind · 1 present → 2 bindings to write');
      expect(text.split('\n')[0]).toBe('Plan for test-rules: scanned 1,520 assets (tables 1,500 · tasks 20), evaluated 1,520');
    });

    it('in colour: binds green, conflicts yellow, what is present dim, rule names bold; the same text once the codes are gone', () => {
      const p = plan([
        binding({ ruleId: 'r', assetId: 'b' }),
        binding({ ruleId: 'r', assetId: 'p', action: 'present' }),
        binding({ ruleId: 'r', assetId: 'c', action: 'conflict', value: 'x', currentValue: 'y', resolution: 'skip' }),
      ]);
      const coloured = renderPlan(p, { paint: ansi });
      expect(coloured).toContain('\x1b[32m+ bind\x1b[39m');
      expect(coloured).toContain('\x1b[33m! conflict\x1b[39m');
      expect(coloured).toMatch(/\x1b\[2m {2}= present .*\x1b\[22m/);
      expect(coloured).toContain('\x1b[1mRule r\x1b[22m');
      expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(renderPlan(p));
      expect(renderPlan(p)).not.toContain('\x1b');
    });

    it('writes present and conflict lines with the old value, the new one and the resolution', () => {
      const text = renderPlan(
        plan([
          binding({ ruleId: 'r', assetId: 'p', action: 'present', key: 'pii', value: 'true' }),
          binding({ ruleId: 'r', assetId: 'c', action: 'conflict', key: 'classification', value: 'restricted', currentValue: 'internal', resolution: 'overwrite' }),
          binding({ ruleId: 'r', assetId: 's', action: 'conflict', key: 'classification', value: 'public', currentValue: 'internal', resolution: 'skip' }),
        ]),
      );
      expect(text).toMatch(/= present {3}name-p \(p\) {2}pii=true/);
      expect(text).toMatch(/! conflict {2}name-c \(c\) {2}classification: internal → restricted \(overwrite\)/);
      expect(text).toMatch(/! conflict {2}name-s \(s\) {2}classification: internal → public \(skip\)/);
      expect(text).toContain('2 conflicts (1 overwrite, 1 skip)');
      expect(text).toContain('→ 1 binding to write');
    });

    it('shows changes before what is already present', () => {
      const text = renderPlan(
        plan([
          binding({ ruleId: 'r', assetId: 'a', action: 'present' }),
          binding({ ruleId: 'r', assetId: 'b' }),
          binding({ ruleId: 'r', assetId: 'c', action: 'conflict', currentValue: 'x', resolution: 'skip' }),
        ]),
      );
      const order = ['! conflict', '+ bind', '= present'].map((marker) => text.indexOf(marker));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    });

    it('cuts each rule to a few lines and counts what it left out', () => {
      const many = Array.from({ length: 1240 }, (_, i) => binding({ ruleId: 'big', assetId: `a${String(i).padStart(4, '0')}`, action: i < 1000 ? 'bind' : 'present' }));
      const text = renderPlan(plan([...many, binding({ ruleId: 'small', assetId: 'only' })]), { linesPerRule: 3 });
      const bigLines = text.split('\n').filter((l) => l.includes('(a'));
      expect(bigLines).toHaveLength(3);
      expect(text).toContain('  … and 1,237 more (997 to bind, 240 present)');
      expect(text).toContain('Rule big — matched 1,240 assets: 1,000 to bind · 240 present');
      expect(text).toContain('name-only (only)');
      expect(text).toContain('Total: 1,001 to bind · 240 present → 1,001 bindings to write');
    });

    it('shows ten lines per rule by default', () => {
      const text = renderPlan(plan(Array.from({ length: 25 }, (_, i) => binding({ ruleId: 'r', assetId: `id${i}` }))));
      expect(text.split('\n').filter((l) => l.startsWith('  + bind'))).toHaveLength(10);
      expect(text).toContain('… and 15 more (15 to bind)');
    });

    it('lists a rule that matched nothing, tag key changes and notes on overridden, unsettled and unreadable owners', () => {
      const p = plan([binding({ ruleId: 'r', assetId: '1' })], {
        tagKeys: [
          { key: 'team', action: 'create', values: ['growth', 'finance'], addedValues: ['growth', 'finance'] },
          { key: 'layer', action: 'update', values: ['ods', 'dwd', 'ads'], addedValues: ['ads'] },
        ],
        overridden: [{ assetId: '1', key: 'layer', value: 'dwd', ruleId: 'low', winningRuleId: 'r' }],
        unsettled: [{ assetId: '9', ruleIds: ['x', 'y'] }],
      });
      p.stats.matchedPerRule = { r: 1, idle: 0 };
      p.stats.ownerUnreadable = 3;
      const text = renderPlan(p);
      expect(text).toContain('Rule idle — matched 0 assets: nothing to do');
      expect(text).toContain('  + create  team  values: growth, finance');
      expect(text).toContain('  ~ update  layer  add values: ads');
      expect(text).toContain('1 binding lost to a higher-priority rule');
      expect(text).toContain('1 asset never settled: the tag conditions of rules x, y');
      expect(text).toContain('3 assets had an owner that could not be read');
      expect(text).toContain('and 2 tag key changes');
    });

    it('shows the sources it could not read before anything else', () => {
      const text = renderPlan(
        plan([binding({ ruleId: 'r', assetId: '1' })], {
          sourceErrors: [{ source: 'tables', partition: 'tables finance_dw', code: 'InvalidParameter.ParentMetaEntityId.NotFound', message: 'ListTables failed: no such project' }],
        }),
      );
      expect(text).toContain('Could not read 1 source (the rest was planned; a re-run tries again):\n  ✗ tables finance_dw: ListTables failed: no such project');
      expect(text.indexOf('Could not read')).toBeLessThan(text.indexOf('Rule r'));
    });
  });

  describe('tally', () => {
    it('counts actions and conflict resolutions', () => {
      expect(
        tally([
          binding({ ruleId: 'r', assetId: '1' }),
          binding({ ruleId: 'r', assetId: '2', action: 'conflict', resolution: 'skip', currentValue: 'x' }),
          binding({ ruleId: 'r', assetId: '3', action: 'conflict', resolution: 'overwrite', currentValue: 'x' }),
          binding({ ruleId: 'r', assetId: '4', action: 'present' }),
        ]),
      ).toEqual({ bind: 1, present: 1, conflict: 2, overwrite: 1, skip: 1 });
    });
  });
});
