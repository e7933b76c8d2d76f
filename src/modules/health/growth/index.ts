/**
 * WHO Child Growth Standards for the health module: z-scores and Permenkes 2/2020 categories,
 * the KMS weight-gain judgement and the KMS-shaped growth chart. Pure functions; see README.md.
 */
export {
  ageInDays,
  assessGrowth,
  DAYS_PER_MONTH,
  type GrowthFlag,
  type GrowthInput,
  type GrowthResult,
  type HeightForAge,
  MAX_AGE_DAYS,
  type Position,
  type Sex,
  type WeightForAge,
  type WeightForHeight,
} from './assess.ts';
export { CHART_SDS, type ChartIndicator, type GrowthChartInput, growthChartSvg } from './chart.ts';
export { isTwoT, judgeWeightGain, kbmGrams, type WeightGain } from './weight-gain.ts';
