// A small line chart on <canvas>: time on x, a few series on y, three grid lines with "nice" labels.
'use strict';

const Charts = (() => {
  function niceMax(value) {
    if (!(value > 0)) {
      return 1;
    }
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (value <= step * power) {
        return step * power;
      }
    }
    return 10 * power;
  }

  function label(value) {
    if (value >= 1000) {
      return (value / 1000).toFixed(value >= 10000 ? 0 : 1) + 'k';
    }
    return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
  }

  function fit(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { g, width, height };
  }

  function span(seconds) {
    return seconds >= 120 ? Math.round(seconds / 60) + ' min' : Math.round(seconds) + ' s';
  }

  /**
   * Draws series ([{ color, values: [number|null] }]) of up to `capacity` points each, newest last, one point every
   * `secondsPerPoint`. The x axis spans the points collected so far (at least 15), up to `capacity`.
   * The canvas' data-points and data-peak attributes tell how many points were drawn and the largest value.
   */
  function line(canvas, series, capacity, secondsPerPoint) {
    const { g, width, height } = fit(canvas);
    const points = Math.min(capacity, Math.max(15, ...series.map(s => s.values.length)));
    const pad = { left: 38, right: 8, top: 8, bottom: 16 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const all = series.flatMap(s => s.values).filter(v => v !== null);
    const max = niceMax(Math.max(0, ...all));
    g.clearRect(0, 0, width, height);
    g.font = '10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    g.textBaseline = 'middle';
    g.textAlign = 'right';
    for (let i = 0; i <= 2; i++) {
      const y = pad.top + plotH - (plotH * i) / 2;
      g.strokeStyle = i === 0 ? '#c9ced6' : '#eceef1';
      g.lineWidth = 1;
      g.beginPath();
      g.moveTo(pad.left, Math.round(y) + 0.5);
      g.lineTo(pad.left + plotW, Math.round(y) + 0.5);
      g.stroke();
      g.fillStyle = '#6b7380';
      g.fillText(label((max * i) / 2), pad.left - 5, y);
    }
    g.textAlign = 'left';
    g.fillText('−' + span((points - 1) * secondsPerPoint), pad.left, height - 6);
    g.textAlign = 'right';
    g.fillText('now', pad.left + plotW, height - 6);
    const step = plotW / Math.max(1, points - 1);
    for (const s of series) {
      const offset = points - s.values.length;
      g.strokeStyle = s.color;
      g.lineWidth = 1.6;
      g.lineJoin = 'round';
      g.beginPath();
      let drawing = false;
      s.values.forEach((v, i) => {
        if (v === null) {
          drawing = false;
          return;
        }
        const x = pad.left + (offset + i) * step;
        const y = pad.top + plotH - (plotH * v) / max;
        if (drawing) {
          g.lineTo(x, y);
        } else {
          g.moveTo(x, y);
          drawing = true;
        }
      });
      g.stroke();
    }
    canvas.dataset.points = String(Math.max(0, ...series.map(s => s.values.length)));
    canvas.dataset.peak = String(Math.max(0, ...all));
  }

  return { line };
})();
