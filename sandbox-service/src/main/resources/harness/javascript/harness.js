'use strict';
// evalwatch sandbox harness for JavaScript (Node.js). Runs inside the sandbox as the unprivileged user.
//
// Loads the solution once into the global scope, then runs each test (awaited, so tests may use await) and
// writes one record per event to the results channel (fd 3) synchronously, so a crash mid-way still leaves
// every earlier result behind. The model's code shares this process: it is kept away from fd 3 only by not
// being told about it, which is weaker than the Python harness (see the README's isolation model).
const fs = require('fs');
const vm = require('vm');
const assert = require('assert');

const RESULTS_FD = 3;
// With an environment (argv[4]: its node_modules, bound read-only), the code's require() resolves packages there.
// Built-in modules are the same objects through either require, so observe() still sees net, child_process & co.
const codeRequire = process.argv[4] ? require('module').createRequire(process.argv[4] + '/') : require;
const MAX_MESSAGE = 2000;
const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const clock = process.hrtime.bigint;
const exit = process.reallyExit ? process.reallyExit.bind(process) : process.exit.bind(process);

function send(event, fields) {
  try {
    writeSync(RESULTS_FD, stringify(Object.assign({ e: event }, fields || {})) + '\n');
  } catch (ignored) {
    // the channel is gone: nothing left to report to
  }
}

// Fields are '<byte length>\n<bytes>\n' one after another, after a one-line header.
function readSpec(path) {
  const data = fs.readFileSync(path);
  let pos = data.indexOf(10);
  if (data.toString('utf8', 0, pos) !== 'EVALWATCH-SPEC 1') {
    throw new Error('unknown spec header');
  }
  pos += 1;
  const fields = [];
  while (pos < data.length) {
    const nl = data.indexOf(10, pos);
    const size = parseInt(data.toString('ascii', pos, nl), 10);
    fields.push(data.toString('utf8', nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  const tests = [];
  for (let i = 0; i < parseInt(fields[4], 10); i++) {
    tests.push({ name: fields[5 + 2 * i], code: fields[6 + 2 * i] });
  }
  return { entryPoint: fields[0], rawOutput: fields[1] === '1' ? fields[2] : null, code: fields[3], tests };
}

function describe(error) {
  let type = typeof error;
  let message;
  try {
    if (error !== null && typeof error === 'object' && error.constructor && error.constructor.name) {
      type = error.constructor.name;
    }
    message = String(error !== null && typeof error === 'object' && 'message' in error ? error.message : error);
  } catch (ignored) {
    message = '<unprintable>';
  }
  return { type, message: message.slice(0, MAX_MESSAGE) };
}

const SENSITIVE_PREFIXES = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/ssh', '/root', '/home',
  '/var/run/secrets', '/run/secrets', '/proc/1/', '/sys/fs/cgroup', '/dev/mem', '/dev/kmem'];

function sensitive(path) {
  if (Buffer.isBuffer(path)) {
    path = path.toString('utf8');
  } else if (path instanceof URL) {
    path = path.pathname;
  }
  if (typeof path !== 'string') {
    return false;
  }
  const normal = path.startsWith('/') ? require('path').posix.normalize(path) : path;
  if (SENSITIVE_PREFIXES.some((prefix) => normal.startsWith(prefix))) {
    return true;
  }
  // /proc/<pid>/... of another process: environ, memory, fds, root
  const part = normal.split('/');
  return normal.startsWith('/proc/') && part.length > 3 && /^\d+$/.test(part[2]) && part[2] !== String(process.pid);
}

// Observes (never blocks) what the sandbox contains anyway, so the verdict can name what was tried, as the
// Python harness's audit hook does: network calls, process spawning, signals to other processes and opening
// sensitive paths, through the modules the code can require. Code that reaches the bindings directly is not
// seen; it is contained all the same. Returns the switch that stops observing, for the harness's own look at
// /proc once the code is done.
function observe() {
  const seen = new Set();
  let watching = true;
  const note = (kind, detail) => {
    if (watching && !seen.has(kind)) {
      seen.add(kind);
      send('evidence', { kind, detail: String(detail).slice(0, 200) });
    }
  };
  const wrap = (target, name, check) => {
    const original = target && target[name];
    if (typeof original !== 'function') {
      return;
    }
    target[name] = function (...args) {
      try {
        check(args);
      } catch (ignored) {
        // evidence is best effort: never change what the code's call does
      }
      return original.apply(this, args);
    };
  };
  // The network and process modules are wrapped once loaded, by the code or by a module it required (http loads
  // net): loading them all up front would cost every run their start-up. Every require() goes through
  // Module.prototype.require, the code's (createRequire) as well as the harness's.
  const watched = {
    net: (net) => wrap(net.Socket.prototype, 'connect', (args) => note('network', 'connect ' + stringify(args[0]))),
    dgram: (dgram) => wrap(dgram.Socket.prototype, 'send', () => note('network', 'dgram send')),
    dns: (dns) => {
      for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
        wrap(dns, name, (args) => note('network', 'dns.' + name + ' ' + args[0]));
      }
    },
    child_process: (childProcess) => {
      for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
        wrap(childProcess, name, (args) => note('process', 'child_process.' + name + ' ' + args[0]));
      }
    },
  };
  const loadList = process.moduleLoadList;
  const watchLoaded = () => {
    for (const name of Object.keys(watched)) {
      const wrapModule = watched[name];
      if (wrapModule && loadList.includes('NativeModule ' + name)) {
        delete watched[name]; // first, as require() below comes back here
        wrapModule(require(name));
      }
    }
  };
  const Module = require('module');
  const moduleRequire = Module.prototype.require;
  Module.prototype.require = function (...args) {
    const loaded = moduleRequire.apply(this, args);
    watchLoaded();
    return loaded;
  };
  watchLoaded();
  wrap(process, 'kill', (args) => {
    if (args[0] !== process.pid && args[0] !== 0) {
      note('signal', 'process.kill ' + stringify(args));
    }
  });
  const fileCheck = (name) => (args) => {
    if (sensitive(args[0])) {
      note('sensitive_file', name + ' ' + args[0]);
    }
  };
  for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync',
    'opendir', 'opendirSync']) {
    wrap(fs, name, fileCheck('fs.' + name));
  }
  for (const name of ['open', 'readFile', 'readdir', 'opendir']) {
    wrap(fs.promises, name, fileCheck('fs.promises.' + name));
  }
  return () => {
    watching = false;
  };
}

// Models often answer with ES module syntax; a script has no exports, so the keyword is dropped.
function asScript(code) {
  return code.replace(/^export\s+(default\s+)?(?=(async\s+)?function|class|const|let|var)/gm, '');
}

let stopObserving = () => {};

// Alone in a private pid namespace, every process besides bubblewrap's init and this one outlived its run.
function finish() {
  stopObserving();
  if (process.argv[3] === 'private-pids') {
    try {
      const others = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && p !== '1' && p !== String(process.pid));
      if (others.length > 0) {
        send('lingering', { count: others.length });
      }
    } catch (ignored) {
      // no /proc: nothing to count
    }
  }
  send('end', { exit: 0 });
  exit(0);
}

function compiles(source) {
  try {
    new vm.Script(source, { filename: 'raw-output.js' });
    return true;
  } catch (ignored) {
    return false;
  }
}

// A sandbox launched ahead of its run (stdin a pipe; a launched run's is /dev/null) waits here, Node started and
// this harness loaded, for the one byte that hands it its run; its input files are in place from then on. End of
// file instead: the service discarded it.
function awaitHandOver() {
  let stdin;
  try {
    stdin = fs.fstatSync(0);
  } catch (ignored) {
    return;
  }
  if (!stdin.isFIFO()) {
    return;
  }
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      if (fs.readSync(0, byte, 0, 1, null) === 1) {
        return;
      }
      exit(0);
    } catch (error) {
      if (error.code !== 'EAGAIN') {
        exit(0);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

async function main() {
  awaitHandOver();
  const spec = readSpec(process.argv[2]);
  send('hello');
  if (spec.rawOutput !== null) {
    send('raw', { compiles: compiles(spec.rawOutput) });
  }
  let script;
  try {
    script = new vm.Script(asScript(spec.code), { filename: 'solution.js' });
  } catch (error) {
    send('load', Object.assign({ ok: false, kind: 'syntax' }, describe(error)));
    finish();
  }
  const module = { exports: {} };
  Object.assign(globalThis, { require: codeRequire, module, exports: module.exports, assert });
  stopObserving = observe();
  try {
    script.runInThisContext();
  } catch (error) {
    send('load', Object.assign({ ok: false, kind: 'exception' }, describe(error)));
    finish();
  }
  const entry = spec.entryPoint;
  let candidate = vm.runInThisContext('typeof ' + entry + " === 'undefined' ? undefined : " + entry);
  if (typeof candidate !== 'function' && module.exports) {
    const exported = typeof module.exports === 'function' ? module.exports : module.exports[entry];
    if (typeof exported === 'function') {
      candidate = exported;
      globalThis[entry] = exported;
    }
  }
  if (typeof candidate !== 'function') {
    const found = candidate === undefined ? 'not defined' : 'not a function (' + typeof candidate + ')';
    send('load', { ok: false, kind: 'missing_entry_point', message: entry + ' is ' + found });
    finish();
  }
  send('load', { ok: true, params: candidate.length });
  for (let i = 0; i < spec.tests.length; i++) {
    send('start', { i });
    let status = 'passed';
    let failure = {};
    const began = clock();
    try {
      const body = vm.runInThisContext('(async () => {\n' + spec.tests[i].code + '\n})', { filename: 'test ' + i });
      await body();
    } catch (error) {
      failure = describe(error);
      status = error instanceof assert.AssertionError || failure.type === 'AssertionError' ? 'failed' : 'error';
    }
    const seconds = Number(clock() - began) / 1e9;
    send('result', Object.assign({ i, status, seconds }, failure));
  }
  send('done');
  finish();
}

main().catch((error) => {
  send('harness_error', describe(error));
  exit(70);
});
