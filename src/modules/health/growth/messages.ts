import type { Messages } from '../../../platform/i18n/index.ts';

// Category names as Permenkes 2/2020 (Lampiran, "Kategori dan Ambang Batas Status Gizi Anak")
// writes them; the health module spreads these into its own catalogue.
const id: Messages = {
  'health.growth.hfa.sangat_pendek': 'Sangat pendek',
  'health.growth.hfa.pendek': 'Pendek',
  'health.growth.hfa.normal': 'Normal',
  'health.growth.hfa.tinggi': 'Tinggi',
  'health.growth.wfa.sangat_kurang': 'Berat badan sangat kurang',
  'health.growth.wfa.kurang': 'Berat badan kurang',
  'health.growth.wfa.normal': 'Berat badan normal',
  'health.growth.wfa.risiko_lebih': 'Risiko berat badan lebih',
  'health.growth.wfh.gizi_buruk': 'Gizi buruk',
  'health.growth.wfh.gizi_kurang': 'Gizi kurang',
  'health.growth.wfh.gizi_baik': 'Gizi baik (normal)',
  'health.growth.wfh.berisiko_gizi_lebih': 'Berisiko gizi lebih',
  'health.growth.wfh.gizi_lebih': 'Gizi lebih',
  'health.growth.wfh.obesitas': 'Obesitas',
  'health.growth.gain.naik': 'Naik (N)',
  'health.growth.gain.tidak_naik': 'Tidak naik (T)',
  'health.growth.gain.baru': 'Baru (B)',
  'health.growth.gain.twoT': '2T: dua kali berturut-turut tidak naik',
  'health.growth.flag.haz_implausible':
    'PB/U atau TB/U di luar batas wajar (z < −6 atau > +6): periksa ulang pengukuran',
  'health.growth.flag.waz_implausible':
    'BB/U di luar batas wajar (z < −6 atau > +5): periksa ulang penimbangan',
  'health.growth.flag.whz_implausible':
    'BB/PB atau BB/TB di luar batas wajar (z < −5 atau > +5): periksa ulang',
  'health.growth.flag.standing_under_9_months':
    'Anak di bawah 9 bulan diukur berdiri: biasanya belum bisa berdiri, ukur ulang berbaring',
  'health.growth.flag.age_out_of_range': 'Umur di luar 0–60 bulan: tidak ada z-score',
  'health.growth.flag.height_out_of_table':
    'Panjang/tinggi badan di luar tabel BB/PB (45–110 cm) atau BB/TB (65–120 cm)',
  'health.growth.chart.indicator.wfa': 'Berat badan menurut umur (BB/U)',
  'health.growth.chart.indicator.lhfa': 'Panjang/tinggi badan menurut umur (PB/U, TB/U)',
  'health.growth.chart.indicator.wfl': 'Berat badan menurut panjang badan (BB/PB)',
  'health.growth.chart.indicator.wfh': 'Berat badan menurut tinggi badan (BB/TB)',
  'health.growth.chart.axis.ageMonths': 'Umur (bulan)',
  'health.growth.chart.axis.lengthCm': 'Panjang badan (cm)',
  'health.growth.chart.axis.heightCm': 'Tinggi badan (cm)',
  'health.growth.chart.axis.weightKg': 'Berat badan (kg)',
  'health.growth.chart.axis.lengthOrHeightCm': 'Panjang/tinggi badan (cm)',
  'health.growth.chart.legend':
    'Garis: median WHO, −2/+2 SD dan −3/+3 SD. Hijau: −2 sampai +2 SD; kuning: antara 2 dan 3 SD; merah: di luar 3 SD.',
};

const en: Messages = {
  'health.growth.hfa.sangat_pendek': 'Severely stunted',
  'health.growth.hfa.pendek': 'Stunted',
  'health.growth.hfa.normal': 'Normal',
  'health.growth.hfa.tinggi': 'Tall',
  'health.growth.wfa.sangat_kurang': 'Severely underweight',
  'health.growth.wfa.kurang': 'Underweight',
  'health.growth.wfa.normal': 'Normal weight',
  'health.growth.wfa.risiko_lebih': 'Risk of overweight',
  'health.growth.wfh.gizi_buruk': 'Severely wasted',
  'health.growth.wfh.gizi_kurang': 'Wasted',
  'health.growth.wfh.gizi_baik': 'Normal',
  'health.growth.wfh.berisiko_gizi_lebih': 'Possible risk of overweight',
  'health.growth.wfh.gizi_lebih': 'Overweight',
  'health.growth.wfh.obesitas': 'Obese',
  'health.growth.gain.naik': 'Gained (N)',
  'health.growth.gain.tidak_naik': 'Did not gain (T)',
  'health.growth.gain.baru': 'New (B)',
  'health.growth.gain.twoT': '2T: no gain twice in a row',
  'health.growth.flag.haz_implausible':
    'Length/height-for-age implausible (z < −6 or > +6): check the measurement',
  'health.growth.flag.waz_implausible': 'Weight-for-age implausible (z < −6 or > +5): check the weighing',
  'health.growth.flag.whz_implausible': 'Weight-for-length/height implausible (z < −5 or > +5): check again',
  'health.growth.flag.standing_under_9_months':
    'A child under 9 months was measured standing: such a child rarely stands, measure lying',
  'health.growth.flag.age_out_of_range': 'Age outside 0–60 months: no z-score',
  'health.growth.flag.height_out_of_table':
    'Length/height outside the weight-for-length (45–110 cm) or weight-for-height (65–120 cm) table',
  'health.growth.chart.indicator.wfa': 'Weight-for-age',
  'health.growth.chart.indicator.lhfa': 'Length/height-for-age',
  'health.growth.chart.indicator.wfl': 'Weight-for-length',
  'health.growth.chart.indicator.wfh': 'Weight-for-height',
  'health.growth.chart.axis.ageMonths': 'Age (months)',
  'health.growth.chart.axis.lengthCm': 'Length (cm)',
  'health.growth.chart.axis.heightCm': 'Height (cm)',
  'health.growth.chart.axis.weightKg': 'Weight (kg)',
  'health.growth.chart.axis.lengthOrHeightCm': 'Length/height (cm)',
  'health.growth.chart.legend':
    'Lines: WHO median, −2/+2 SD and −3/+3 SD. Green: −2 to +2 SD; yellow: between 2 and 3 SD; red: beyond 3 SD.',
};

export const growthMessages = { id, en };
