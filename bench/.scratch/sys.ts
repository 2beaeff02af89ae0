import mqtt from 'mqtt';
import { startMosquitto } from '../../tools/mosquitto';
const b = await startMosquitto({ maxQueuedMessages: 1_000_000 });
const c = mqtt.connect(b.tcpUrl);
const t0 = Date.now();
c.on('message', (t, p) => console.log(((Date.now() - t0) / 1000).toFixed(2), t, p.toString()));
c.subscribe(['$SYS/broker/uptime', '$SYS/broker/publish/messages/dropped', '$SYS/broker/messages/sent']);
await new Promise((r) => setTimeout(r, 25000));
c.end(); await b.stop();
