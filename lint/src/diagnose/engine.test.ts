import { describe, expect, it } from 'vitest';
import { buildDiagnosisIndex, diagnose, maskVariables, readLog, type DiagnosisSource } from './index.ts';

const src = (id: string, title: string, symptom: string, signatures: DiagnosisSource['signatures'] = [], keywords: string[] = []): DiagnosisSource => ({
  id,
  title,
  url: `/gotchas/${id.toLowerCase()}/`,
  keywords,
  platforms: ['all'],
  symptom,
  signatures,
});

const index = buildDiagnosisIndex([
  src('M1', 'Training dies with CUDA out of memory', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate', [{ literal: 'CUDA out of memory' }]),
  src('U1', 'The process is Killed with no traceback: host RAM', 'The shell prints Killed and dmesg shows the oom-killer', [{ regex: '^Killed$' }], ['oom-killer']),
  src('N1', 'NCCL watchdog timeout after 30 minutes', 'Watchdog caught collective operation timeout: WorkNCCL', [{ literal: 'Watchdog caught collective operation timeout' }]),
  src('D1', 'Disk full: No space left on device', 'OSError: [Errno 28] No space left on device', [], ['ENOSPC']),
  src('H1', 'Tokenizer has no padding token', 'ValueError: Asking to pad but the tokenizer does not have a padding token'),
]);

describe('readLog', () => {
  it('strips rank, timestamp and dmesg prefixes and grades exception lines highest', () => {
    const { lines } = readLog('[rank3]: 2026-12-04 10:00:01,123 torch.OutOfMemoryError: CUDA out of memory\n[ 1234.5678] NVRM: Xid 79\nall good\n');
    expect(lines.map((l) => [l.text, l.weight])).toEqual([
      ['torch.OutOfMemoryError: CUDA out of memory', 3],
      ['NVRM: Xid 79', 1],
      ['all good', 0],
    ]);
  });
  it("strips the CRI log format's stream tag and Go's log timestamp, as a pod's log shows them", () => {
    const { lines } = readLog('2023-10-19T11:11:54.957723331+08:00 stderr F 2023/10/19 03:11:54 Failed to initialize NVML: could not load NVML library.\n');
    expect(lines[0]!.text).toBe('Failed to initialize NVML: could not load NVML library.');
  });
  it('normalises numbers, sizes, paths and hex so repeats look alike', () => {
    expect(maskVariables('Tried to allocate 2.00 GiB at /root/a/b.py pid 4242 addr 0x7f3a')).toBe('Tried to allocate <size> at <path> pid <n> addr <hex>');
  });
});

describe('diagnose', () => {
  it('puts signature matches first, with the matched line and the signature', () => {
    const log = 'epoch 3 step 1200\n[rank1]: Traceback (most recent call last):\n[rank1]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n';
    const r = diagnose(log, index);
    expect(r.matches[0]).toMatchObject({ id: 'M1', via: 'signature', line: { number: 3, text: 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB' }, why: 'signature CUDA out of memory' });
  });
  it('matches a regex signature and a literal only at word boundaries', () => {
    expect(diagnose('step 10\nKilled\n', index).matches[0]).toMatchObject({ id: 'U1', via: 'signature', line: { number: 2 } });
    expect(diagnose('a skilled operator\n', index).matches.filter((m) => m.via === 'signature')).toEqual([]);
  });
  it('falls back to the distinctive words of the error lines', () => {
    const r = diagnose('Traceback (most recent call last):\nValueError: Asking to pad but the tokenizer does not have a padding token. Please select a token\n', index);
    expect(r.matches[0]).toMatchObject({ id: 'H1', via: 'words' });
    expect(r.matches[0].why).toMatch(/^words .*padding/);
  });
  it('returns nothing for a log without errors', () => {
    expect(diagnose('epoch 1 loss 0.5\nepoch 2 loss 0.4\n', index).matches).toEqual([]);
  });
  it('survives a hostile paste: 100k lines, a megabyte line, regex bait, and still finds the message', () => {
    const bait = `${'a'.repeat(50_000)}!${'('.repeat(10_000)}`;
    const noise = Array.from({ length: 100_000 }, (_, i) => (i % 1000 === 0 ? bait : `step ${i} loss ${(i % 7) / 10} warning: slow dataloader ${i}`));
    noise.push('x'.repeat(1_000_000), 'Watchdog caught collective operation timeout: WorkNCCL(SeqNum=12, OpType=ALLREDUCE) ran for 1800000 milliseconds');
    const started = performance.now();
    const r = diagnose(noise.join('\n'), index);
    expect(r.matches[0]).toMatchObject({ id: 'N1', via: 'signature', line: { number: 100_002 } });
    expect(r.truncated).toBe(true);
    // Not a speed test (bench:diagnose measures that): a guard against a blow-up of orders of magnitude.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
  it("takes NCCL's WARN line, not the result string after it, for the run's last error", () => {
    const nccl = buildDiagnosisIndex([
      src('S1', 'unhandled system error', 'NCCL error: unhandled system error', [{ literal: 'unhandled system error' }]),
      src('C1', 'Ranks cannot connect', 'WARN Call to connect failed : Connection refused', [{ regex: 'Call to connect (returned|failed)' }]),
    ]);
    // NCCL before 2.4 wrote its WARN lines without the `NCCL` tag.
    const old = "node1 [0] include/socket.h:185 WARN Call to connect failed : Connection refused\nNCCL failure train.cu:110 'unhandled system error'\n";
    expect(diagnose(old, nccl).matches.map((m) => m.id)).toEqual(['C1', 'S1']);
    const torch = 'node1:22:33 [0] misc/socket.cc:484 NCCL WARN Call to connect returned Connection refused, retrying\nRuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1275, unhandled system error, NCCL version 2.4.8\n';
    expect(diagnose(torch, nccl).matches.map((m) => m.id)).toEqual(['C1', 'S1']);
    // Without a WARN line the result string is all the paste has.
    expect(diagnose('RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1275, unhandled system error\n', nccl).matches[0]).toMatchObject({ id: 'S1' });
  });
  it('puts a page whose signature names the traceback frame an error came from before the page that reads the error', () => {
    const oom = buildDiagnosisIndex([
      src('R1', 'Reading the OOM message', 'torch.OutOfMemoryError: CUDA out of memory', [{ literal: 'CUDA out of memory' }, { literal: 'OutOfMemoryError' }]),
      src('S1', 'OOM at the first optimizer step', 'Adam creates its state at the first step', [{ regex: 'state\\["exp_avg"\\] = torch\\.zeros_like\\(' }]),
      src('W1', 'Warnings in training', 'ValueError: loss is nan'),
    ]);
    const frame = '  File "/x/torch/optim/adam.py", line 164, in _init_group\n    state["exp_avg"] = torch.zeros_like(\n';
    expect(diagnose(`Traceback (most recent call last):\n${frame}torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n`, oom).matches.map((m) => m.id)).toEqual(['S1', 'R1']);
    // Without the frame the message's own page answers; a frame with no known error above is only a hint.
    expect(diagnose('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n', oom).matches[0]).toMatchObject({ id: 'R1' });
    expect(diagnose(`Traceback (most recent call last):\n${frame}ValueError: loss is nan\n`, oom).matches.map((m) => [m.id, m.via])).toEqual([['W1', 'words'], ['S1', 'signature']]);
  });
  it('lists a reference page after a gotcha whose own message matched, and answers with it when none did', () => {
    const xid = buildDiagnosisIndex([
      { ...src('ref:xid', 'Xid codes', 'NVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus', [{ regex: 'NVRM: Xid [(]PCI:[0-9a-f:]{1,20}[)]: [0-9]{1,3},' }]), reference: true },
      src('G1', 'GPU has fallen off the bus', 'NVRM: Xid 79 GPU has fallen off the bus', [{ literal: 'fallen off the bus' }]),
    ]);
    expect(diagnose('NVRM: Xid (PCI:0000:3b:00): 79, pid=1, GPU has fallen off the bus.\n', xid).matches.map((m) => m.id)).toEqual(['G1', 'ref:xid']);
    expect(diagnose('NVRM: Xid (PCI:0000:3b:00): 119, pid=1, Timeout waiting for RPC from GSP!\n', xid).matches[0]).toMatchObject({ id: 'ref:xid', via: 'signature' });
    // Its prose alone is no evidence: a paste that shares its words but not its message does not reach it.
    expect(diagnose('RuntimeError: GPU has fallen off the bus, reset the driver\n', xid).matches.map((m) => m.id)).toEqual(['G1']);
  });
  it('ignores a signature that does not compile instead of failing', () => {
    const broken = buildDiagnosisIndex([src('B1', 'Broken pattern page', 'x', [{ regex: '(' }])]);
    expect(diagnose('(', broken).matches).toEqual([]);
  });
});

describe('diagnose in query mode', () => {
  it('ranks a typed query, or a short paste with no error word, by its words; a long clean log matches nothing', () => {
    expect(diagnose('tokenizer padding token', index, { query: true }).matches[0]).toMatchObject({ id: 'H1', via: 'words' });
    expect(diagnose('tokenizer padding token', index).matches[0]).toMatchObject({ id: 'H1', via: 'words' });
    const clean = Array.from({ length: 30 }, (_, i) => `step ${i} tokenizer padding token loss 2.${i}`).join('\n');
    expect(diagnose(clean, index).matches).toEqual([]);
  });
});
