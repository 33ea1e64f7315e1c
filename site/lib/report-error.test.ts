import { describe, expect, it } from 'vitest';
import { describeMasks, maskReport, prepareReport, REPORT_CHARS, REPORT_LINES, reportLines, reportTitle, reportUrl } from './report-error.ts';

const mask = (s: string) => maskReport(s).text;

describe('masking a report', () => {
  it('hides tokens by their shape and by the key they sit under', () => {
    const lines = [
      'export HF_TOKEN=hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
      'wandb: WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlMTIzNDU2',
      'git clone https://alice:ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@github.com/org/repo',
      'OPENAI key sk-proj-AbCdEf0123456789GhIjKl in env',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      '{"password": "hunter2!", "user": "x"}',
      'GET https://bucket.s3.amazonaws.com/ckpt.pt?X-Amz-Credential=AKIA/2026&X-Amz-Signature=9f8e7d6c5b4a',
      'slack xoxb-1234567890-abcdefghij',
    ];
    const out = maskReport(lines.join('\n'));
    for (const secret of ['aBcDeFgHiJ', '0123456789abcdef0123', 'eyJhbGciOi', 'ghp_', 'alice', 'sk-proj', 'AKIAIOSFODNN7EXAMPLE', 'hunter2', '9f8e7d6c5b4a', 'xoxb-']) {
      expect(out.text, secret).not.toContain(secret);
    }
    expect(out.text).toContain('export HF_TOKEN=<secret>');
    expect(out.text).toContain('github.com/org/repo'); // where it failed stays readable
    expect(out.counts.secret).toBeGreaterThanOrEqual(9);
  });

  it('hides addresses and host names, keeping loopback, private-ness and public services', () => {
    const text = [
      'gpu-node-17:4123:4200 [0] NCCL INFO NET/Socket : Using [0]eth0:10.1.2.3<0>',
      '[W socket.cpp:663] [c10d] The client socket has failed to connect to [trainbox-a]:29500 (errno: 111 - Connection refused).',
      'ncclRemoteError: ... Last error: socket to 203.0.113.9<44123> closed',
      'MASTER_ADDR=login01.hpc.example.edu MASTER_PORT=29500',
      '  host      : ip-172-31-5-6.ec2.internal',
      'alice@dgx-03:~/proj$ torchrun train.py',
      'connecting to fe80::1ff:fe23:4567:890a%eth0 and ::1 and 127.0.0.1 and localhost:29500',
      "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries exceeded",
      'mail bob.smith+gpu@example.com about it',
      '[E socket.cpp:957] [c10d] The client socket has timed out after 900s while trying to connect to (node001, 29500).',
      'GET https://my-private-bucket.s3.us-east-1.amazonaws.com/ckpt.pt failed; mirror https://files.corp-gpu.net/x.whl',
    ].join('\n');
    const out = mask(text);
    for (const leak of ['node001', 'my-private-bucket', 'corp-gpu', 'gpu-node-17', '10.1.2.3', 'trainbox-a', '203.0.113.9', 'login01', 'ip-172-31-5-6', 'alice', 'dgx-03', 'fe80::1ff', 'bob.smith', 'example.com']) {
      expect(out, leak).not.toContain(leak);
    }
    expect(out).toContain('<host>:4123:4200 [0] NCCL INFO');
    expect(out).toContain('eth0:<private-ip><0>');
    expect(out).toContain('socket to <ip><44123> closed');
    expect(out).toContain("host='huggingface.co'");
    expect(out).toContain('::1 and 127.0.0.1 and localhost:29500');
  });

  it('hides the user of a home folder on Linux, macOS and Windows, and nothing else of the path', () => {
    const out = mask(
      [
        '  File "/home/alice/miniconda3/envs/t/lib/python3.11/site-packages/torch/serialization.py", line 1025, in load',
        'OSError: [Errno 28] No space left on device: /Users/Bob/ckpt/step_100.pt',
        'C:\\Users\\carol\\AppData\\Local\\Temp\\x.py',
        'cd ~dave/work && python train.py',
        '/mnt/home/erin/.cache/huggingface',
      ].join('\n'),
    );
    expect(out).toContain('/home/<user>/miniconda3/envs/t/lib/python3.11/site-packages/torch/serialization.py", line 1025');
    expect(out).toContain('/Users/<user>/ckpt/step_100.pt');
    expect(out).toContain('C:\\Users\\<user>\\AppData');
    expect(out).toContain('~<user>/work');
    expect(out).toContain('/mnt/home/<user>/.cache');
    for (const name of ['alice', 'Bob', 'carol', 'dave', 'erin']) expect(out).not.toContain(name);
  });

  it('leaves the error itself alone: messages, exception names, times, C++ scopes, versions, exit codes', () => {
    const untouched = [
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.15 GiB',
      'RuntimeError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1970, unhandled system error (run with NCCL_DEBUG=INFO for details), NCCL version 2.21.5',
      'terminate called after throwing an instance of \'c10::DistBackendError\' at::cuda::blas',
      '2026-12-07 20:46:14,123 - ERROR - exitcode  : -9 (pid: 4242)',
      'torch.distributed.elastic.multiprocessing.errors.ChildFailedError:',
      'NVRM: Xid (PCI:0000:3b:00): 79, pid=1234, GPU has fallen off the bus.',
      'tokenizer eos_token_id=2 pad_token_id=0 max_new_tokens=128',
      'sha256 mismatch for model.safetensors: expected 3f9a0c, got 77aa01',
      'torch 2.5.1+cu124 with CUDA 12.4.131, driver 550.54.15',
    ];
    const out = maskReport(untouched.join('\n'));
    expect(out.text).toBe(untouched.join('\n'));
    expect(describeMasks(out.counts)).toBe('nothing that looked private');
  });

  it('stays fast and bounded on hostile lines', () => {
    const hostile = [
      'a'.repeat(200_000),
      `${'1.'.repeat(50_000)}1`,
      `${'a:'.repeat(50_000)}`,
      `${'x@'.repeat(50_000)}y.com`,
      `${'token='.repeat(30_000)}`,
      `${'/home/'.repeat(30_000)}`,
      `${'ab-'.repeat(50_000)}.com`,
      `${'[h]:1'.repeat(30_000)}`,
      'A1b'.repeat(70_000),
    ].join('\n');
    const t = performance.now();
    const out = maskReport(hostile);
    expect(performance.now() - t).toBeLessThan(2000);
    for (const line of out.text.split('\n')) expect(line.length).toBeLessThanOrEqual(700);
  });
});

describe('the lines a report carries', () => {
  it('keeps the error lines and the end in order, marks the gaps, and stays within its budget', () => {
    const noise = Array.from({ length: 500 }, (_, i) => `step ${i} loss 2.${i}`);
    const paste = ['Traceback (most recent call last):', ...noise, 'RuntimeError: CUDA error: an illegal memory access was encountered', ...noise.slice(0, 20)].join('\n');
    const lines = reportLines(paste).split('\n');
    expect(lines[0]).toBe('Traceback (most recent call last):');
    expect(lines[1]).toBe('[…]');
    expect(lines).toContain('RuntimeError: CUDA error: an illegal memory access was encountered');
    expect(lines.at(-1)).toBe('step 19 loss 2.19');
    const huge = Array.from({ length: 5000 }, (_, i) => `RuntimeError: failure number ${i} ${'x'.repeat(900)}`).join('\n');
    const kept = reportLines(huge);
    expect(kept.length).toBeLessThanOrEqual(REPORT_CHARS + REPORT_LINES * 8);
    expect(kept).toContain('failure number 4999');
  });

  it('builds the new-gotcha form URL with exactly the masked text the reader saw', () => {
    const report = prepareReport('[rank0]: RuntimeError: connect to 10.0.0.5 failed for alice@example.org\n');
    expect(report.text).toBe('[rank0]: RuntimeError: connect to <private-ip> failed for <email>');
    const url = new URL(reportUrl('https://github.com/example/guide/', report.text));
    expect(url.origin + url.pathname).toBe('https://github.com/example/guide/issues/new');
    expect(url.searchParams.get('template')).toBe('new-gotcha.yml');
    expect(url.searchParams.get('title')).toBe('[gotcha] RuntimeError: connect to <private-ip> failed for <email>');
    expect(url.searchParams.get('symptom')).toContain(`\`\`\`text\n${report.text}\n\`\`\``);
    expect(url.href).not.toContain('10.0.0.5');
    expect(reportTitle('step 1\nstep 2\n')).toBe('[gotcha] step 2');
    expect(reportTitle('')).toBe('[gotcha]');
    expect(describeMasks(report.counts)).toBe('1 e-mail address, 1 IP address');
  });
});
