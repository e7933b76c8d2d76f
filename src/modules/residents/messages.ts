export const messages = {
  id: {
    'residents.nav': 'Penduduk',
    'residents.title': 'Data penduduk',
  },
  en: {
    'residents.nav': 'Residents',
    'residents.title': 'Residents',
  },
};
