/**
 * The sums an APBDes is read by: each section's tree (section → group → line), and the three
 * results Permendagri 20/2018 names — surplus/defisit (pendapatan − belanja), pembiayaan netto
 * (penerimaan − pengeluaran pembiayaan) and SiLPA of the year (surplus/defisit + pembiayaan netto) —
 * for the budget and for each semester's realisation. Whole rupiah, integer sums only.
 */
import { type Account, accountName, accounts, type Section } from './structure.ts';

export interface Line {
  section: Section;
  code: string;
  name: string;
  budget: number;
  realisedS1: number;
  realisedS2: number;
}

export interface Amounts {
  budget: number;
  realisedS1: number;
  realisedS2: number;
  /** semester I + semester II */
  realised: number;
}

export interface TreeNode {
  code: string;
  name: string;
  /** 1 for the section's top groups (4.1, bidang 1, 6.1), deeper below; lines are leaves */
  depth: number;
  amounts: Amounts;
  line?: Line;
  children: TreeNode[];
}

export interface Totals {
  income: Amounts;
  spending: Amounts;
  financingIn: Amounts;
  financingOut: Amounts;
  financingNet: Amounts;
  surplus: Amounts;
  silpa: Amounts;
  /** pendapatan by source (every object with a line: Dana Desa, ADD, …) */
  incomeBySource: Array<{ code: string; name: string; amounts: Amounts }>;
  /** belanja by bidang 1–5 (every bidang, zero when empty) */
  spendingByField: Array<{ code: string; name: string; amounts: Amounts }>;
  trees: Record<Section, TreeNode[]>;
}

export const ZERO: Amounts = { budget: 0, realisedS1: 0, realisedS2: 0, realised: 0 };

export function amountsOf(line: Pick<Line, 'budget' | 'realisedS1' | 'realisedS2'>): Amounts {
  return {
    budget: line.budget,
    realisedS1: line.realisedS1,
    realisedS2: line.realisedS2,
    realised: line.realisedS1 + line.realisedS2,
  };
}

export function add(a: Amounts, b: Amounts): Amounts {
  return {
    budget: a.budget + b.budget,
    realisedS1: a.realisedS1 + b.realisedS1,
    realisedS2: a.realisedS2 + b.realisedS2,
    realised: a.realised + b.realised,
  };
}

export function subtract(a: Amounts, b: Amounts): Amounts {
  return {
    budget: a.budget - b.budget,
    realisedS1: a.realisedS1 - b.realisedS1,
    realisedS2: a.realisedS2 - b.realisedS2,
    realised: a.realised - b.realised,
  };
}

const sum = (lines: Line[]) => lines.reduce((acc, line) => add(acc, amountsOf(line)), ZERO);

/** A section's groups, each with the lines under it; groups without any line are left out. */
function tree(section: Section, lines: Line[]): TreeNode[] {
  const inSection = lines.filter((l) => l.section === section);
  const groups = accounts(section).filter((a) => a.code.includes('.') || section === 'belanja');
  const build = (parent: Account, depth: number): TreeNode | null => {
    const under = inSection.filter((l) => l.code.startsWith(`${parent.code}.`) || l.code === parent.code);
    if (under.length === 0) return null;
    const childGroups = groups.filter(
      (g) =>
        g.code.startsWith(`${parent.code}.`) &&
        g.code.split('.').length === parent.code.split('.').length + 1,
    );
    const children: TreeNode[] = [];
    for (const group of childGroups) {
      const node = build(group, depth + 1);
      if (node) children.push(node);
    }
    for (const line of under)
      if (!childGroups.some((g) => line.code.startsWith(`${g.code}.`) || line.code === g.code))
        if (line.code !== parent.code)
          children.push({
            code: line.code,
            name: line.name,
            depth: depth + 1,
            amounts: amountsOf(line),
            line,
            children: [],
          });
    const own = under.find((l) => l.code === parent.code);
    return {
      code: parent.code,
      name: parent.name,
      depth,
      amounts: sum(under),
      ...(own ? { line: own } : {}),
      children,
    };
  };
  const tops = groups.filter((g) => g.code.split('.').length === (section === 'belanja' ? 1 : 2));
  return tops.map((g) => build(g, 1)).filter((n): n is TreeNode => n !== null);
}

export function totalsOf(lines: Line[]): Totals {
  const of = (section: Section, prefix?: string) =>
    sum(lines.filter((l) => l.section === section && (!prefix || l.code.startsWith(prefix))));
  const income = of('pendapatan');
  const spending = of('belanja');
  const financingIn = of('pembiayaan', '6.1.');
  const financingOut = of('pembiayaan', '6.2.');
  const financingNet = subtract(financingIn, financingOut);
  const surplus = subtract(income, spending);
  const sources = new Map<string, Line[]>();
  for (const line of lines.filter((l) => l.section === 'pendapatan'))
    sources.set(line.code, [...(sources.get(line.code) ?? []), line]);
  return {
    income,
    spending,
    financingIn,
    financingOut,
    financingNet,
    surplus,
    silpa: add(surplus, financingNet),
    incomeBySource: [...sources].map(([code, group]) => ({
      code,
      name: accountName('pendapatan', code) ?? group[0]!.name,
      amounts: sum(group),
    })),
    spendingByField: accounts('belanja')
      .filter((a) => !a.code.includes('.'))
      .map((a) => ({ code: a.code, name: a.name, amounts: of('belanja', `${a.code}.`) })),
    trees: {
      pendapatan: tree('pendapatan', lines),
      belanja: tree('belanja', lines),
      pembiayaan: tree('pembiayaan', lines),
    },
  };
}
