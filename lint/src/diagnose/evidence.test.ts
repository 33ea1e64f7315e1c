import { describe, expect, it } from 'vitest';
import { evidenceWords } from './evidence.ts';
import { buildDiagnosisIndex, diagnose, readLog, type DiagnosisSource } from './index.ts';
import { isBoilerplate, withoutBoilerplate } from './boilerplate.ts';

describe('evidence words', () => {
  it('reads a SIGKILL in every form the launchers print it', () => {
    for (const line of [
      'ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: -9) local_rank: 0 (pid: 31631) of binary: /usr/bin/python3',
      '  exitcode  : -9 (pid: 14750)',
      '  traceback : Signal 9 (SIGKILL) received by PID 14750',
      'torch.multiprocessing.spawn.ProcessExitedException: process 0 terminated with signal SIGKILL',
      'subprocess.CalledProcessError: Command died with <Signals.SIGKILL: 9>.',
      'Killed',
      '/bin/bash: line 1:  4242 Killed                  python train.py',
      'Job step aborted: process exited with exit code 137',
      '[ERROR] [launch.py:434:sigkill_handler] [...] exits with return code = -9',
      'RuntimeError: DataLoader worker (pid 19597) is killed by signal: Killed.',
    ]) expect(evidenceWords(line), line).toContain('sigkill');
  });

  it('tells the other signals apart and leaves plain words alone', () => {
    expect(evidenceWords('exitcode  : -7 (pid: 100)')).toEqual(['sigbus']);
    expect(evidenceWords('Segmentation fault (core dumped)')).toEqual(['sigsegv']);
    expect(evidenceWords('exit status 143')).toEqual(['sigterm']);
    expect(evidenceWords('Aborted (core dumped)')).toEqual(['sigabrt']);
    expect(evidenceWords('exit code: 1')).toEqual([]);
    expect(evidenceWords('a skilled engineer killed the mood of the meeting today')).toEqual([]);
  });

  it('reads Xid numbers whatever the driver prints between', () => {
    expect(evidenceWords('[93297.027938] NVRM: Xid (PCI:0000:43:00): 13, pid=<unknown>, Graphics Exception')).toEqual(['xid13']);
    expect(evidenceWords('NVRM: Xid (PCI:0000:61:00): 119, pid=977823, Timeout waiting for RPC from GSP!')).toEqual(['xid119']);
    expect(evidenceWords('Xid 79: GPU has fallen off the bus')).toEqual(['xid79']);
  });
});

const src = (id: string, title: string, symptom: string, signatures: DiagnosisSource['signatures'] = [], keywords: string[] = [], platforms = ['all']): DiagnosisSource => ({
  id, title, url: `/gotchas/${id.toLowerCase()}/`, keywords, platforms, symptom, signatures,
});

const index = buildDiagnosisIndex([
  src('M3', 'Bare Killed, exit code 137: host RAM', 'The log ends in `Killed` or exit code 137.', [], ['SIGKILL']),
  src('D1', 'torchrun local_rank environment not set', 'torchrun sets LOCAL_RANK for each worker process; distributed init fails without it'),
  src('N9', 'NCCL socket connect fails across nodes', 'socketStartConnect: Connect to host failed : Connection refused', [], ['Connection refused']),
  src('G1', 'Every NCCL error says run with NCCL_DEBUG=INFO for details', 'run with NCCL_DEBUG=INFO for details'),
  src('X1', 'Xid 79: the GPU fell off the bus', 'NVRM: Xid 79, GPU has fallen off the bus'),
  src('X2', 'Xid 13: graphics engine exception', 'NVRM: Xid 13, Graphics Exception'),
  src('U28', 'No kernel image is available for execution on the device', 'no kernel image is available', [{ literal: 'no kernel image is available' }]),
  src('AD9', 'AutoDL: no kernel image is available on the device with a new card', 'no kernel image is available', [{ literal: 'no kernel image is available' }], [], ['autodl']),
  src('V1', 'ValueError from the tokenizer', 'ValueError: tokenizer has no pad token'),
  src('K1', 'KeyError in the data loader collate', 'KeyError: label missing in batch collate'),
]);
const first = (log: string) => diagnose(log, index).matches[0]?.id;

describe('the engine on real-shaped logs', () => {
  it('reads torchrun exitcode -9 as a SIGKILL, not as its launcher words', () => {
    expect(first('torch/distributed/elastic/multiprocessing/api.py:826] failed (exitcode: -9) local_rank: 0 (pid: 1322) of binary: /root/miniconda3/bin/python\n')).toBe('M3');
  });

  it('lets the last error of the paste outweigh the earlier ones', () => {
    expect(first('ValueError: tokenizer has no pad token\nretrying with a fallback\nKeyError: label missing in batch collate\n')).toBe('K1');
    expect(first('KeyError: label missing in batch collate\nretrying with a fallback\nValueError: tokenizer has no pad token\n')).toBe('V1');
  });

  it('takes the library advice out of a message and reads NCCL\'s Last error line as the cause', () => {
    const log = 'RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error (run with NCCL_DEBUG=INFO for details), NCCL version 2.21.5\nncclSystemError: System call (e.g. socket, malloc) or external library call failed or device error.\nLast error:\nsocketStartConnect: Connect to 10.0.0.2<35421> failed : Connection refused\n';
    expect(first(log)).toBe('N9');
    expect(withoutBoilerplate('unhandled system error (run with NCCL_DEBUG=INFO for details)')).toBe('unhandled system error ( )');
    expect(isBoilerplate('torch.distributed.elastic.multiprocessing.errors.ChildFailedError:')).toBe(true);
    expect(isBoilerplate('NCCL INFO init.cc:1350 -> 2')).toBe(true);
    expect(readLog('Last error:\nsocket closed\n').lines.map((l) => l.weight)).toEqual([1, 3]);
  });

  it('matches an Xid by its number', () => {
    expect(first('[93297.027938] NVRM: Xid (PCI:0000:43:00): 13, pid=<unknown>, name=<unknown>, Graphics Exception: ESR 0x52e7b0=0x101000e\n')).toBe('X2');
  });

  it('answers a single pasted error line', () => {
    expect(first('Killed')).toBe('M3');
    expect(first('RuntimeError: CUDA error: no kernel image is available for execution on the device')).toBe('U28');
  });

  it('puts the general page before a platform page when the paste never names the platform', () => {
    expect(first('RuntimeError: CUDA error: no kernel image is available for execution on the device\n')).toBe('U28');
    expect(first('/root/autodl-tmp/train.py\nRuntimeError: CUDA error: no kernel image is available for execution on the device\n')).toBe('AD9');
  });
});
