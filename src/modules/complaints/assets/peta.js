// Progressive enhancement for /pengaduan: the page works without this file (and without map tiles).
(() => {
  const CENTRE = [-6.12, 106.18]; // Kabupaten Serang
  const hasLeaflet = typeof window.L !== 'undefined';

  function tiles(map, url) {
    window.L.tileLayer(url, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(map);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  // category-specific fields: show only the chosen category's fieldset
  const category = document.getElementById('field-categoryCode');
  const fieldsets = document.querySelectorAll('fieldset.category-fields');
  function showFields() {
    for (const fs of fieldsets) fs.hidden = fs.dataset.category !== category.value;
  }
  if (category && fieldsets.length) {
    category.addEventListener('change', showFields);
    showFields();
  }

  const lat = document.getElementById('field-lat');
  const lng = document.getElementById('field-lng');
  const nearby = document.getElementById('nearby');

  async function suggestNearby() {
    if (!nearby || !category?.value || !lat.value || !lng.value) return;
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

  const pick = document.getElementById('pick-map');
  if (pick && hasLeaflet) {
    pick.hidden = false;
    document.getElementById('pick-hint').hidden = false;
    const map = window.L.map(pick).setView(CENTRE, 11);
    tiles(map, pick.dataset.tiles);
    let marker = null;
    const place = (la, ln) => {
      lat.value = la.toFixed(6);
      lng.value = ln.toFixed(6);
      if (marker) marker.setLatLng([la, ln]);
      else marker = window.L.circleMarker([la, ln], { radius: 9, color: '#b00020' }).addTo(map);
      suggestNearby();
    };
    map.on('click', (event) => place(event.latlng.lat, event.latlng.lng));
    if (lat.value && lng.value) place(Number(lat.value), Number(lng.value));
    const gps = document.getElementById('use-gps');
    if (gps && navigator.geolocation) {
      gps.hidden = false;
      gps.addEventListener('click', () =>
        navigator.geolocation.getCurrentPosition(
          (position) => {
            place(position.coords.latitude, position.coords.longitude);
            map.setView([position.coords.latitude, position.coords.longitude], 17);
          },
          () => {},
          { enableHighAccuracy: true, timeout: 10000 },
        ),
      );
    }
  }
  if (category) category.addEventListener('change', suggestNearby);

  const publicMap = document.getElementById('public-map');
  if (publicMap && hasLeaflet) {
    publicMap.hidden = false;
    const map = window.L.map(publicMap).setView(CENTRE, 10);
    tiles(map, publicMap.dataset.tiles);
    fetch(publicMap.dataset.points)
      .then((r) => (r.ok ? r.json() : []))
      .then((points) => {
        for (const p of points) {
          window.L.circleMarker([p.lat, p.lng], { radius: 7 })
            .bindPopup(
              `<a href="/pengaduan/${escapeHtml(p.ticket)}">${escapeHtml(p.title)}</a><br>${escapeHtml(p.category)}`,
            )
            .addTo(map);
        }
      })
      .catch(() => {});
  }
})();
