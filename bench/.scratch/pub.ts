import mqtt from 'mqtt';
import { startMosquitto } from '../../tools/mosquitto';
const b = await startMosquitto({ maxQueuedMessages: 1_000_000 });
const sub = mqtt.connect(b.tcpUrl);
let got = 0;
sub.on('message', () => got++);
await sub.subscribeAsync('bench/#');
const pub = await mqtt.connectAsync(b.tcpUrl);
const payload = Buffer.from('x'.repeat(500));
const topics = Array.from({ length: 200 }, (_, i) => `bench/gerrit/p${i % 50}/e${i % 4}`);
for (const rate of [5000, 10000, 20000, 40000]) {
  got = 0;
  const start = performance.now();
  let sent = 0;
  const dur = 3000;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const el = performance.now() - start;
      const due = Math.min(Math.floor((rate * Math.min(el, dur)) / 1000), sent + rate / 10);
      while (sent < due) { pub.publish(topics[sent % 200]!, payload, { qos: 0 }); sent++; }
      if (el >= dur) resolve(); else setTimeout(tick, 5);
    };
    tick();
  });
  const last = await new Promise<number>((r) => pub.publish('bench/x', payload, () => r(performance.now())));
  sent++;
  const ach = (sent / (last - start)) * 1000;
  await new Promise((r) => setTimeout(r, 1000));
  console.log(rate, sent, Math.round(ach), got, process.cpuUsage());
}
pub.end(); sub.end(); await b.stop();
