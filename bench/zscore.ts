// WHO z-scores per second (issue #14): `assessGrowth` (pure: tables read once, no database) over a
// fixed set of INPUTS plausible children (deterministic generator: ages 0–60 months, both sexes,
// weight and length/height around the WHO medians ± 20 %, lying under 24 months, a few with only a
// weight or only a height), RUNS passes over the set; prints median, min and max of calls per second.
// Run: node --import tsx bench/zscore.ts        (INPUTS, RUNS to change the size)
import { assessGrowth, type GrowthInput } from '../src/modules/health/growth/assess.ts';
import { generator, medianHeight, medianWeight } from '../src/modules/health/seed.ts';
import { median } from './figures.ts';

const INPUTS = Number(process.env.INPUTS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 9);

const random = generator(14);
const inputs: GrowthInput[] = [];
for (let i = 0; i < INPUTS; i++) {
  const ageDays = Math.floor(random() * 1827);
  const months = ageDays / 30.4375;
  const kind = random();
  const weightKg = kind < 0.05 ? null : Math.round(medianWeight(months) * (0.8 + random() * 0.4) * 10) / 10;
  const heightCm = kind > 0.95 ? null : Math.round(medianHeight(months) * (0.88 + random() * 0.2) * 10) / 10;
  inputs.push({
    sex: random() < 0.5 ? 1 : 2,
    ageDays,
    weightKg,
    heightCm,
    position: ageDays < 731 ? 'lying' : 'standing',
    oedema: false,
  });
}

let sink = 0;
// one warm-up pass: the tables load and the JIT settles
for (const input of inputs) sink += assessGrowth(input).flags.length;
const rates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = process.hrtime.bigint();
  for (const input of inputs) {
    const result = assessGrowth(input);
    sink += result.flags.length + (result.haz === null ? 0 : 1);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rates.push(INPUTS / seconds);
}
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`assessGrowth, ${INPUTS.toLocaleString('en')} inputs × ${RUNS} runs (checksum ${sink})`);
console.log(
  `calls/s: median ${fmt(median(rates))}, min ${fmt(Math.min(...rates))}, max ${fmt(Math.max(...rates))}`,
);
