# What permessage-deflate costs resident (docs/benchmarks.md): opens N WebSockets to /graphql (graphql-transport-ws),
# offering permessage-deflate or not, inits and subscribes each; prints the app's VmRSS before and with them
# (start the app with -Xms1g -Xmx1g -XX:+AlwaysPreTouch, so the heap's pages are resident before).
# usage: python3 bench/live/deflate-rss.py PID PORT N offer|plain SLUG
import base64, os, socket, sys, time, json
pid, port, n, mode, slug = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
def rss():
    for l in open('/proc/%s/status' % pid):
        if l.startswith('VmRSS'): return int(l.split()[1])
def frame(text):
    p = text.encode(); m = os.urandom(4)
    h = bytes([0x81]) + (bytes([0x80 | len(p)]) if len(p) < 126 else bytes([0x80 | 126]) + len(p).to_bytes(2, 'big'))
    return h + m + bytes(b ^ m[i % 4] for i, b in enumerate(p))
before = rss(); socks = []; negotiated = 0
for i in range(n):
    s = socket.create_connection(('127.0.0.1', port))
    req = ('GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
           'Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n'
           % (port, base64.b64encode(os.urandom(16)).decode()))
    if mode == 'offer':
        req += 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n'
    s.sendall((req + '\r\n').encode())
    head = b''
    while b'\r\n\r\n' not in head: head += s.recv(1)
    if b'permessage-deflate' in head.lower(): negotiated += 1
    s.sendall(frame('{"type":"connection_init"}'))
    s.sendall(frame(json.dumps({"id": "1", "type": "subscribe", "payload": {"query":
        'subscription { attendanceChanged(eventSlug: "%s") { registered checkedIn } }' % slug}})))
    socks.append(s)
time.sleep(5)
print(json.dumps({"mode": mode, "sockets": n, "negotiated": negotiated, "rssBeforeKB": before, "rssWithKB": rss(),
                  "rssPerSocketKB": round((rss() - before) / n, 1)}))
