// The benchmark's ceiling: mqtt.js's browser build over WebSocket, counting messages and doing nothing else
// (no React, no store, no copies, no DOM work per message). Reads `?broker=<ws url>&sub=<filter>` like the
// app and speaks MQTT 5 like the app does against Mosquitto 2.
import mqtt from './mqtt.esm.js';

const params = new URLSearchParams(window.location.search);
const broker = params.get('broker');
const filter = params.get('sub') ?? '#';
let received = 0;
let subscribed = 0;

Object.defineProperty(window, '__bareStats', {
  value: Object.freeze({
    get received() {
      return received;
    },
    get subscribed() {
      return subscribed;
    },
  }),
});

if (broker) {
  const client = mqtt.connect(broker, { protocolVersion: 5, reconnectPeriod: 0, clean: true });
  client.on('message', () => {
    received++;
  });
  client.on('connect', () => {
    client.subscribe(filter, { qos: 0 }, (err, granted) => {
      if (!err) subscribed = (granted ?? []).filter((g) => g.qos < 0x80).length;
    });
  });
}

// Twice a second for a human watching; nothing per message.
const out = document.getElementById('received');
setInterval(() => {
  if (out) out.textContent = String(received);
}, 500);
