// Draws every reserved block as a grid of cells, one per port, from /blocks on this page's
// own origin (the data of /actuator/portreservations), and redraws it every refresh.
(function () {
  'use strict';

  const refreshMillis = Number(document.body.dataset.refreshMillis) || 1000;
  const container = document.getElementById('blocks');
  const updated = document.getElementById('updated');

  function cellFor(port, lease) {
    const cell = document.createElement('div');
    cell.className = 'cell ' + (lease ? 'leased' + (lease.bound ? '' : ' unbound') : 'free');
    cell.dataset.port = String(port);
    cell.title = lease
      ? 'Port ' + port + ': leased by ' + lease.owner + (lease.bound ? ', bound' : ', not bound')
        + ' since ' + new Date(lease.since).toLocaleTimeString()
      : 'Port ' + port + ': free';
    const number = document.createElement('span');
    number.className = 'port';
    number.textContent = String(port);
    cell.appendChild(number);
    if (lease) {
      const owner = document.createElement('span');
      owner.className = 'owner';
      owner.textContent = lease.owner;
      cell.appendChild(owner);
    }
    return cell;
  }

  function sectionFor(block) {
    const section = document.createElement('section');
    section.className = 'block';
    section.dataset.block = block.name;
    const heading = document.createElement('h2');
    heading.textContent = block.name + ' ';
    const summary = document.createElement('small');
    summary.textContent = block.protocol + ' ' + block.firstPort + '\u2013' + block.lastPort + ', '
      + block.backend + ', ' + block.free + ' of ' + block.count + ' free';
    heading.appendChild(summary);
    section.appendChild(heading);
    if (!block.valid) {
      const lost = document.createElement('p');
      lost.className = 'lost';
      lost.textContent = 'This block is no longer held: other processes may take its ports.';
      section.appendChild(lost);
    }
    const leases = new Map(block.leases.map((lease) => [lease.port, lease]));
    const grid = document.createElement('div');
    grid.className = 'grid';
    for (let port = block.firstPort; port <= block.lastPort; port++) {
      grid.appendChild(cellFor(port, leases.get(port)));
    }
    section.appendChild(grid);
    return section;
  }

  async function refresh() {
    try {
      const response = await fetch('blocks', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const state = await response.json();
      container.replaceChildren(...Object.values(state.blocks).map(sectionFor));
      updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
      // Counts completed redraws, so a test can wait for the next one instead of a fixed time.
      document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
    }
    catch (error) {
      updated.textContent = 'Could not read the reservation state (' + error.message + '); retrying';
    }
    finally {
      setTimeout(refresh, refreshMillis);
    }
  }

  refresh();
}());
