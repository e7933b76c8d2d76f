export const searchMessages = {
  id: {
    'search.nav': 'Cari',
    'search.title': 'Cari',
    'search.publicTitle': 'Cari di situs ini',
    'search.intro':
      'Cari nama penduduk (ejaan yang keliru pun ditemukan), nomor tiket, atau kata dalam pengaduan, sebatas wilayah dan tugas Anda.',
    'search.publicIntro': 'Cari pengaduan yang terbuka untuk umum dan halaman publik lain.',
    'search.term': 'Kata pencarian',
    'search.kind': 'Jenis',
    'search.submit': 'Cari',
    'search.tooShort': 'Tulis paling sedikit dua huruf atau angka.',
    'search.count': '{n} hasil untuk “{term}”',
    'search.countMore': 'Lebih dari {n} hasil untuk “{term}”; persempit pencarian Anda.',
    'search.none': 'Tidak ada hasil untuk “{term}” dalam cakupan Anda.',
    'search.personal': 'Data pribadi',
    'search.public': 'Publik',
    'search.record': 'Internal',
    'search.nonePublic':
      'Tidak ada hasil untuk “{term}”. Coba kata lain, misalnya nama desa atau jenis masalah.',
  },
  en: {
    'search.nav': 'Search',
    'search.title': 'Search',
    'search.publicTitle': 'Search this site',
    'search.intro':
      'Search for a resident by name (misspellings are found too), a ticket number or words in a report, within your region and duties.',
    'search.publicIntro': 'Search reports open to the public and other public pages.',
    'search.term': 'Search term',
    'search.kind': 'Kind',
    'search.submit': 'Search',
    'search.tooShort': 'Write at least two letters or digits.',
    'search.count': '{n} results for “{term}”',
    'search.countMore': 'More than {n} results for “{term}”; narrow your search.',
    'search.none': 'No results for “{term}” within your scope.',
    'search.personal': 'Personal data',
    'search.public': 'Public',
    'search.record': 'Internal',
    'search.nonePublic':
      'No results for “{term}”. Try other words, such as a village name or a kind of problem.',
  },
};
