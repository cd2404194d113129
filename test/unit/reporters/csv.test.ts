import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/reporters/csv.js';
import { csvReporter } from '../../../src/reporters/index.js';
import { loadSmallResult } from './fixture.js';

describe('csv reporter', () => {
  it('renders the small fixture (shown with LF; the output uses CRLF)', () => {
    expect(csvReporter.render(loadSmallResult()).replaceAll('\r\n', '\n')).toMatchInlineSnapshot(`
      "key,backend,workload,spec,dtype,param.m,param.n,param.k,param.c,param.h,param.w,param.kernel,param.stride,param.pad,status,median_s,mean_s,stddev_s,p5_s,p95_s,ci_lo_s,ci_hi_s,n,flop_per_s,samples_per_s,max_rel_err,verify_passed,error_kind
      cpu/matmul m=256 n=512 k=512 dtype=f32,cpu,matmul,matmul m=256 n=512 k=512 dtype=f32,f32,256,512,512,,,,,,,ok,0.00050075,0.0005019,0.000005601587076693346,0.0004959000000000001,0.00051095,0.000497,0.000506,10,268033405891.16327,,2.4e-7,true,
      torch-cpu/matmul m=256 n=512 k=512 dtype=f32,torch-cpu,matmul,matmul m=256 n=512 k=512 dtype=f32,f32,256,512,512,,,,,,,ok,0.0004006,0.00040152,0.0000044812696613546634,0.00039672,0.00040876,0.0003976,0.0004048,10,335041757363.9541,,3.1e-7,true,
      cpu/matmul m=1024 n=512 k=512 dtype=f32,cpu,matmul,matmul m=1024 n=512 k=512 dtype=f32,f32,1024,512,512,,,,,,,ok,0.002003,0.0020076,0.000022406348306773382,0.0019836000000000003,0.0020438,0.001988,0.002024,10,268033405891.16327,,4.8e-7,true,
      torch-cpu/matmul m=1024 n=512 k=512 dtype=f32,torch-cpu,matmul,matmul m=1024 n=512 k=512 dtype=f32,f32,1024,512,512,,,,,,,failed,,,,,,,,,,,0.032,false,verify
      cpu/matmul m=256 n=512 k=512 dtype=f16,cpu,matmul,matmul m=256 n=512 k=512 dtype=f16,f16,256,512,512,,,,,,,unsupported,,,,,,,,,,,,,unsupported
      cpu/conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32,cpu,conv2d,conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32,f32,,8,64,64,56,56,"[3,3]",1,1,ok,0.012118150000000001,0.012145979999999999,0.00013555840725597865,0.01200078,0.01236499,0.0120274,0.0122452,10,152637825410.64435,,0.0000012,true,
      torch-cpu/conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32,torch-cpu,conv2d,conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32,f32,,8,64,64,56,56,"[3,3]",1,1,ok,0.008012,0.0080304,0.00008962539322709353,0.007934400000000001,0.0081752,0.007952,0.008096,10,230864710933.5996,,9.5e-7,true,
      "
    `);
  });
});

describe('csv quoting and columns', () => {
  it('quotes commas, quotes and newlines per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('quotes awkward values coming from the result file', () => {
    const r = loadSmallResult();
    const c = r.results[0];
    if (c === undefined) throw new Error('fixture changed');
    c.backend = 'my,"odd"\nbackend';
    c.params = { ...c.params, note: 'x,y' };
    const csv = csvReporter.render(r);
    expect(csv).toContain(',"my,""odd""\nbackend",');
    expect(csv).toContain(',"x,y",');
  });

  it('ends every record with CRLF and has one record per case plus the header', () => {
    const r = loadSmallResult();
    const csv = csvReporter.render(r);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(r.results.length + 2); // header + rows + trailing ''
  });

  it('has the fixed columns and one param column per parameter name', () => {
    const header = csvReporter.render(loadSmallResult()).split('\r\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 5)).toEqual(['key', 'backend', 'workload', 'spec', 'dtype']);
    expect(header.filter((h) => h.startsWith('param.'))).toEqual([
      'param.m', 'param.n', 'param.k', 'param.c', 'param.h', 'param.w', 'param.kernel', 'param.stride', 'param.pad',
    ]);
    expect(header.slice(-14)).toEqual([
      'status', 'median_s', 'mean_s', 'stddev_s', 'p5_s', 'p95_s', 'ci_lo_s', 'ci_hi_s', 'n',
      'flop_per_s', 'samples_per_s', 'max_rel_err', 'verify_passed', 'error_kind',
    ]);
  });

  it('leaves times and speeds empty for failed cases', () => {
    const lines = csvReporter.render(loadSmallResult()).split('\r\n');
    const failed = lines.find((l) => l.startsWith('torch-cpu/matmul m=1024'));
    expect(failed?.endsWith(',failed,,,,,,,,,,,0.032,false,verify')).toBe(true);
  });
});
