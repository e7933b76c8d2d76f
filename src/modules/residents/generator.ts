import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ResidentRecord } from './model.ts';
import { makeNik } from './nik.ts';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function randomGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE_GIVEN = [
  'Ahmad',
  'Muhammad',
  'Asep',
  'Dedi',
  'Ujang',
  'Iwan',
  'Budi',
  'Agus',
  'Joko',
  'Slamet',
  'Hendra',
  'Rudi',
  'Dadang',
  'Cecep',
  'Yayan',
  'Jaja',
  'Entis',
  'Rahmat',
  'Hasan',
  'Husein',
  'Abdul',
  'Saepul',
  'Ade',
  'Aris',
  'Wawan',
  'Bambang',
  'Supri',
  'Sugih',
  'Endang',
  'Encep',
  'Aep',
  'Dodi',
  'Heri',
  'Jajang',
  "Ma'ruf",
  'Sarip',
  'Udin',
  'Oman',
  'Odih',
  'Tubagus',
  'Deni',
  'Eko',
  'Yusuf',
  'Ridwan',
  'Imam',
  'Fajar',
];
const MALE_FAMILY = [
  'Suryana',
  'Hidayat',
  'Kurniawan',
  'Saputra',
  'Setiawan',
  'Permana',
  'Rohman',
  'Mulyadi',
  'Sopian',
  'Hermawan',
  'Nurjaman',
  'Gunawan',
  'Sutisna',
  'Suherman',
  'Firmansyah',
  'Ramdani',
  'Maulana',
  'Hakim',
  'Santoso',
  'Wijaya',
  'Susanto',
  'Prasetyo',
  'Nugraha',
  'Sumarna',
  'Jaelani',
  'Syahroni',
  'Mulyana',
];
const FEMALE_GIVEN = [
  'Siti',
  'Nur',
  'Euis',
  'Neng',
  'Iis',
  'Dewi',
  'Sri',
  'Rina',
  'Yanti',
  'Imas',
  'Lilis',
  'Ai',
  'Eti',
  'Tati',
  'Wati',
  'Nining',
  'Ratna',
  'Fitri',
  'Rohmah',
  'Maryam',
  'Aisyah',
  'Aminah',
  'Enok',
  'Entin',
  'Nenden',
  'Yuyun',
  'Titin',
  'Umi',
  'Ani',
  'Rini',
  'Endah',
  'Lina',
  'Ela',
  'Mimin',
  'Kokom',
  'Jubaedah',
];
const FEMALE_FAMILY = [
  'Rahmawati',
  'Nurlela',
  'Komalasari',
  'Suryani',
  'Handayani',
  'Lestari',
  'Fauziah',
  'Maesaroh',
  'Kurniasih',
  'Hayati',
  'Rohayati',
  'Sumiati',
  'Wulandari',
  'Mulyani',
  'Sukaesih',
  'Hasanah',
  'Halimah',
  'Aminah',
  'Rosita',
  'Susilawati',
  'Nuraeni',
  'Marlina',
];
const BOY_NAMES = [
  'Rizki',
  'Aditya',
  'Raka',
  'Dimas',
  'Alif',
  'Zaki',
  'Naufal',
  'Fathan',
  'Arkan',
  'Rafa',
  'Hafiz',
  'Ilham',
  'Bagas',
  'Farhan',
  'Akbar',
  'Rayyan',
  'Daffa',
  'Azka',
  'Gilang',
  'Reza',
];
const GIRL_NAMES = [
  'Putri',
  'Aulia',
  'Nabila',
  'Salsabila',
  'Zahra',
  'Keysha',
  'Alya',
  'Nayla',
  'Syifa',
  'Annisa',
  'Khansa',
  'Aisyah',
  'Rania',
  'Azzahra',
  'Tiara',
  'Cantika',
  'Kirana',
  'Intan',
  'Dinda',
  'Zaskia',
];
const DUSUN = [
  'KRAJAN',
  'SUKAMAJU',
  'KAMPUNG BARU',
  'PASIR',
  'CIBEBER',
  'SUKAJAYA',
  'KEBON JERUK',
  'PEDALEMAN',
  'TEGAL',
  'LEBAK',
  'BABAKAN',
  'GUNUNG SARI',
  'KADU',
  'CIKONENG',
  'PANGGUNG',
  'KARANG ANYAR',
];
const BIRTH_PLACES_OTHER = [
  'JAKARTA',
  'TANGERANG',
  'CILEGON',
  'PANDEGLANG',
  'LEBAK',
  'BOGOR',
  'BANDUNG',
  'GARUT',
  'BREBES',
  'TEGAL',
];
/** kecamatan elsewhere where people who moved in were first registered (Banten, Jakarta, West and Central Java) */
const OTHER_REGIONS = [
  '360101',
  '360201',
  '360301',
  '367101',
  '367201',
  '367301',
  '317101',
  '317201',
  '320101',
  '320501',
  '327301',
  '332901',
];

const packageDir = () => path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));

interface VillageInfo {
  code: string;
  kecamatanCode: string;
  name: string;
  kecamatanName: string;
}

/** The villages of a regency (or the listed codes) from idn-area-data's CSV, sorted by code. */
export function villagesOf(regencyCode: string, codes?: string[]): VillageInfo[] {
  const districts = new Map<string, string>();
  for (const line of fs
    .readFileSync(path.join(packageDir(), 'data', 'districts.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)) {
    const [code, , name] = line.split(',');
    if (code && name) districts.set(code, name.replaceAll('"', ''));
  }
  const out: VillageInfo[] = [];
  for (const line of fs
    .readFileSync(path.join(packageDir(), 'data', 'villages.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)) {
    const [code, district, name] = line.split(',');
    if (!code || !district || !name) continue;
    if (codes ? codes.includes(code) : code.startsWith(`${regencyCode}.`))
      out.push({
        code,
        kecamatanCode: district,
        name: name.replaceAll('"', ''),
        kecamatanName: districts.get(district) ?? '',
      });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

interface GenerateOptions {
  count: number;
  villages: VillageInfo[];
  seed: number;
  /** the date ages are counted from (YYYY-MM-DD) */
  today: string;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1920, 0, 1);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Yields plausible residents family by family: a head, usually a spouse, children born to a mother
 * aged 18–42, sometimes a grandparent; NIK region digits are the village's kecamatan for most people
 * (another region for people who moved in), NIK birth-date digits agree with the birth date and sex,
 * and NIK and No. KK are unique within one run. The same seed gives the same rows.
 */
export function* generateResidents(options: GenerateOptions): Generator<ResidentRecord> {
  const rnd = randomGenerator(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const regions = new Map<string, number>();
  const regionIndex = (code: string) => {
    let i = regions.get(code);
    if (i === undefined) {
      i = regions.size;
      regions.set(code, i);
    }
    return i;
  };
  for (const r of OTHER_REGIONS) regionIndex(r);
  for (const v of options.villages) regionIndex(v.kecamatanCode.replaceAll('.', ''));
  const span = Math.ceil((todayMs - EPOCH) / DAY_MS) + 1;
  // serial counters per region and birth day keep NIKs unique without remembering every NIK
  const nikSerials = new Uint16Array(regions.size * span);
  const kkSerials = new Uint16Array(regions.size * span);
  const nextNik = (region: string, birthMs: number, sex: 1 | 2): string => {
    const slot = regionIndex(region) * span + Math.floor((birthMs - EPOCH) / DAY_MS);
    const serial = (nikSerials[slot] ?? 0) + 1;
    nikSerials[slot] = serial;
    // two sexes share a slot: women carry day + 40, so the serial space is shared without clashes
    return makeNik(region, isoDate(birthMs), sex, serial);
  };

  const villagePlan = options.villages.map((v, i) => {
    const vr = randomGenerator(options.seed * 7919 + i + 1);
    const dusunCount = 2 + Math.floor(vr() * 4);
    const start = Math.floor(vr() * DUSUN.length);
    return {
      village: v,
      dusun: Array.from({ length: dusunCount }, (_, k) => DUSUN[(start + k * 3) % DUSUN.length] as string),
      rwPerDusun: 1 + Math.floor(vr() * 3),
    };
  });
  const perVillage = Math.floor(options.count / options.villages.length);
  const remainder = options.count % options.villages.length;

  for (let vi = 0; vi < villagePlan.length; vi++) {
    const plan = villagePlan[vi]!;
    const target = perVillage + (vi < remainder ? 1 : 0);
    const village = plan.village;
    const kec = village.kecamatanCode.replaceAll('.', '');
    const placeName = village.kecamatanName.toUpperCase() || 'SERANG';
    let made = 0;
    while (made < target) {
      const dusunIndex = Math.floor(rnd() * plan.dusun.length);
      const dusun = plan.dusun[dusunIndex]!;
      const rwNumber = dusunIndex * plan.rwPerDusun + 1 + Math.floor(rnd() * plan.rwPerDusun);
      const rw = String(rwNumber).padStart(3, '0');
      const rt = String(1 + Math.floor(rnd() * 5)).padStart(3, '0');
      const address = `KP. ${dusun} RT ${rt} RW ${rw}`;
      const entryMs =
        Date.UTC(2010, 0, 1) + Math.floor(rnd() * ((todayMs - Date.UTC(2010, 0, 1)) / DAY_MS)) * DAY_MS;
      const kkSlot = regionIndex(kec) * span + Math.floor((entryMs - EPOCH) / DAY_MS);
      const kkSerial = (kkSerials[kkSlot] ?? 0) + 1;
      kkSerials[kkSlot] = kkSerial;
      const entry = isoDate(entryMs);
      const familyNumber = `${kec}${entry.slice(8, 10)}${entry.slice(5, 7)}${entry.slice(2, 4)}${String(kkSerial).padStart(4, '0')}`;
      const religion = rnd() < 0.96 ? 1 : pick([2, 3, 4, 5]);
      const members: ResidentRecord[] = [];
      const base = {
        villageCode: village.code,
        familyNumber,
        dusun,
        rw,
        rt,
        address,
        religionCode: religion,
        citizenshipCode: 1,
      };
      const ageDays = (years: number) => Math.floor(years * 365.25 + rnd() * 365);
      const person = (
        sex: 1 | 2,
        birthMs: number,
        relation: number,
        name: string,
        parents: { father: string | null; mother: string | null },
        moved: boolean,
      ): ResidentRecord => {
        const age = (todayMs - birthMs) / (365.25 * DAY_MS);
        const region = moved ? pick(OTHER_REGIONS) : kec;
        const education =
          age < 5
            ? 1
            : age < 12
              ? 2
              : age < 15
                ? 3
                : age < 18
                  ? 4
                  : pick([2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 7, 8, 8, 9]);
        const occupation =
          age < 5
            ? 1
            : age < 22
              ? 3
              : age > 65
                ? pick([1, 4, 9])
                : sex === 2
                  ? pick([2, 2, 2, 9, 15, 19, 88, 89, 7])
                  : pick([9, 15, 19, 15, 88, 89, 5, 6, 11, 7, 25, 35]);
        return {
          ...base,
          nik: nextNik(region, birthMs, sex),
          name,
          birthPlace: moved ? pick(BIRTH_PLACES_OTHER) : rnd() < 0.85 ? placeName : 'SERANG',
          birthDate: isoDate(birthMs),
          sex,
          educationCode: education,
          educationCurrentCode: age < 5 ? 1 : age < 12 ? 4 : age < 18 ? 8 : 3,
          occupationCode: occupation,
          maritalStatusCode: relation === 4 ? 1 : 2,
          familyRelationCode: relation,
          bloodTypeCode: rnd() < 0.6 ? 13 : pick([1, 2, 3, 4]),
          fatherName: parents.father,
          motherName: parents.mother,
        };
      };
      const maleName = () => `${pick(MALE_GIVEN)} ${pick(MALE_FAMILY)}`.toUpperCase();
      const femaleName = () => `${pick(FEMALE_GIVEN)} ${pick(FEMALE_FAMILY)}`.toUpperCase();
      const kind = rnd();
      const headAge = 22 + Math.floor(rnd() * 50);
      const headBirth = todayMs - ageDays(headAge) * DAY_MS;
      const moved = rnd() < 0.1;
      if (kind < 0.08) {
        // a widow or widower living alone or with grown children
        const sex: 1 | 2 = rnd() < 0.6 ? 2 : 1;
        const head = person(
          sex,
          headBirth,
          1,
          sex === 1 ? maleName() : femaleName(),
          { father: maleName(), mother: femaleName() },
          moved,
        );
        head.maritalStatusCode = 4;
        members.push(head);
      } else {
        const head = person(1, headBirth, 1, maleName(), { father: maleName(), mother: femaleName() }, moved);
        members.push(head);
        const wifeAge = Math.max(17, headAge - Math.floor(rnd() * 8));
        const wifeBirth = todayMs - ageDays(wifeAge) * DAY_MS;
        const wife = person(
          2,
          wifeBirth,
          3,
          femaleName(),
          { father: maleName(), mother: femaleName() },
          moved && rnd() < 0.5,
        );
        members.push(wife);
        const children = Math.floor(rnd() * rnd() * 6);
        for (let c = 0; c < children; c++) {
          const motherAgeAtBirth = 19 + Math.floor(rnd() * 22);
          const childBirth = wifeBirth + Math.floor((motherAgeAtBirth + rnd()) * 365.25) * DAY_MS;
          if (childBirth >= todayMs) break;
          const sex: 1 | 2 = rnd() < 0.51 ? 1 : 2;
          const surname = head.name.split(' ').slice(-1)[0] ?? '';
          const name =
            sex === 1
              ? `${pick(BOY_NAMES)} ${surname}`
              : `${pick(GIRL_NAMES)} ${pick(FEMALE_FAMILY).toUpperCase()}`;
          members.push(
            person(sex, childBirth, 4, name.toUpperCase(), { father: head.name, mother: wife.name }, false),
          );
        }
        if (rnd() < 0.07) {
          const elderBirth = headBirth - ageDays(22 + Math.floor(rnd() * 10)) * DAY_MS;
          if (todayMs - elderBirth < 100 * 365 * DAY_MS)
            members.push({
              ...person(2, elderBirth, 7, femaleName(), { father: maleName(), mother: femaleName() }, false),
              maritalStatusCode: 4,
            });
        }
      }
      for (const m of members) {
        if (made >= target) break;
        yield m;
        made++;
      }
    }
  }
}
