// A quick latency probe of a running server (not the benchmark of issue 7): signs in as the demo
// administrator and times 50 sequential requests per page after 10 warm-up requests.
//   PORT=3000 node scripts/latency-probe.js
const base = `http://localhost:${process.env.PORT ?? 3000}`;
const login = await fetch(`${base}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
  body: "email=admin%40example.org&password=Demo-Portal-1",
});
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
for (const path of [
  "/login",
  "/admin",
  "/admin/agreements?status=expiring",
  "/admin/users?role=resident",
  "/admin/rotations?when=current",
  "/admin/residents?present=today",
]) {
  const times = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const response = await fetch(base + path, { headers: path === "/login" ? {} : { Cookie: cookie } });
    await response.text();
    if (i >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${path.padEnd(36)} p50 ${times[25].toFixed(1)} ms  p95 ${times[47].toFixed(1)} ms`);
}
