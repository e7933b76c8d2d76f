// Progressive enhancement for the complaint pages: every page works without this file. Leaflet
// (≈145 KB) is fetched only when the resident presses "Tampilkan peta", for a slow phone link.
(() => {
  const CENTRE = [-6.12, 106.18]; // Kabupaten Serang
  let leaflet = null;
  // The page names Leaflet's hashed (long-cached) addresses on this script's tag.
  const here = document.currentScript;
  const leafletJs = here?.dataset.leafletJs ?? '/pengaduan/aset/leaflet/leaflet.js';
  const leafletCss = here?.dataset.leafletCss ?? '/pengaduan/aset/leaflet/leaflet.css';

  function loadLeaflet() {
    if (leaflet) return leaflet;
    leaflet = new Promise((resolve, reject) => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = leafletCss;
      document.head.appendChild(css);
      const script = document.createElement('script');
      script.src = leafletJs;
      script.onload = () => resolve(window.L);
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return leaflet;
  }

  function tiles(L, map, url) {
    L.tileLayer(url, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(map);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  // one page with JavaScript: the category step is not needed, the whole form shows at once
  const step = document.querySelector('form.category-step');
  const formBox = document.getElementById('report-form');
  if (step && formBox) {
    step.hidden = true;
    formBox.hidden = false;
  }

  // the chosen category's own questions, swapped in from their templates
  const category = document.getElementById('field-categoryCode');
  const box = document.getElementById('category-fields');
  function showFields() {
    if (!box) return;
    const current = box.querySelector('fieldset.category-fields');
    if (current && current.dataset.category === category.value) return;
    box.innerHTML = '';
    const template = document.querySelector(`template.category-template[data-category="${category.value}"]`);
    if (template) box.appendChild(template.content.cloneNode(true));
  }
  if (category && box) category.addEventListener('change', showFields);

  const lat = document.getElementById('field-lat');
  const lng = document.getElementById('field-lng');
  const nearby = document.getElementById('nearby');

  async function suggestNearby() {
    if (!nearby || !category?.value || !lat?.value || !lng?.value) return;
    const params = new URLSearchParams({ category: category.value, lat: lat.value, lng: lng.value });
    try {
      const response = await fetch(`/api/v1/complaints/nearby?${params}`);
      if (!response.ok) return;
      const rows = await response.json();
      if (!rows.length) {
        nearby.innerHTML = '';
        return;
      }
      nearby.innerHTML =
        `<p><strong>${escapeHtml(nearby.dataset.title || 'Laporan serupa di dekat titik ini:')}</strong></p><ul>` +
        rows
          .map(
            (r) =>
              `<li><a href="/pengaduan/${escapeHtml(r.ticket)}">${escapeHtml(r.title || r.ticket)}</a> (${r.distanceM} m)</li>`,
          )
          .join('') +
        '</ul>';
    } catch {
      // suggestions are a courtesy; the report can still be sent
    }
  }
  if (category) category.addEventListener('change', suggestNearby);

  let pickMarker = null;
  let pickMap = null;
  function place(la, ln) {
    lat.value = la.toFixed(6);
    lng.value = ln.toFixed(6);
    if (pickMap) {
      if (pickMarker) pickMarker.setLatLng([la, ln]);
      else pickMarker = window.L.circleMarker([la, ln], { radius: 9, color: '#b00020' }).addTo(pickMap);
    }
    suggestNearby();
  }

  // GPS needs no map: it fills the coordinates, and the server finds the village from them
  const gps = document.getElementById('use-gps');
  if (gps && lat && lng && navigator.geolocation) {
    gps.hidden = false;
    gps.addEventListener('click', () =>
      navigator.geolocation.getCurrentPosition(
        (position) => {
          place(position.coords.latitude, position.coords.longitude);
          if (pickMap) pickMap.setView([position.coords.latitude, position.coords.longitude], 17);
        },
        () => {},
        { enableHighAccuracy: true, timeout: 10000 },
      ),
    );
  }

  const builders = {
    'pick-map': (L, el) => {
      document.getElementById('pick-hint').hidden = false;
      pickMap = L.map(el).setView(CENTRE, 11);
      tiles(L, pickMap, el.dataset.tiles);
      pickMap.on('click', (event) => place(event.latlng.lat, event.latlng.lng));
      if (lat.value && lng.value) place(Number(lat.value), Number(lng.value));
    },
    'public-map': (L, el) => {
      const map = L.map(el).setView(CENTRE, 10);
      tiles(L, map, el.dataset.tiles);
      fetch(el.dataset.points)
        .then((r) => (r.ok ? r.json() : []))
        .then((points) => {
          for (const p of points) {
            L.circleMarker([p.lat, p.lng], { radius: 7 })
              .bindPopup(
                `<a href="/pengaduan/${escapeHtml(p.ticket)}">${escapeHtml(p.title)}</a><br>${escapeHtml(p.category)}`,
              )
              .addTo(map);
          }
        })
        .catch(() => {});
    },
    'report-map': (L, el) => {
      const point = [Number(el.dataset.lat), Number(el.dataset.lng)];
      const map = L.map(el).setView(point, 16);
      tiles(L, map, el.dataset.tiles);
      L.circleMarker(point, { radius: 9, color: '#b00020' }).addTo(map);
    },
  };

  for (const button of document.querySelectorAll('button.map-button')) {
    const el = document.getElementById(button.dataset.map);
    const build = builders[button.dataset.map];
    if (!el || !build) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      button.disabled = true;
      loadLeaflet()
        .then((L) => {
          el.hidden = false;
          button.hidden = true;
          build(L, el);
        })
        .catch(() => {
          button.disabled = false;
        });
    });
  }

  // the private link: copied with one press (the WhatsApp link works without this)
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', () =>
      navigator.clipboard.writeText(source.textContent.trim()).then(() => {
        const note = button.parentElement.querySelector('[data-copied]');
        if (note) note.hidden = false;
      }),
    );
  }
})();
