// Datetime and timespan functions of the embedded engine. Expected values come from the
// examples of Microsoft's KQL documentation for each function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDatetime } from '../../src/engine/data/temporal';
import { NotSupportedError } from '../../src/engine/functions';
import { call, col, context, dt, lit, one, run, ts } from './engine-functions-support.test';

const iso = (micros: unknown): string => formatDatetime(micros as number);

test('ago and now use the query\'s now()', () => {
  assert.deepEqual(run('now', [], 'datetime', 2), [context.now, context.now]);
  assert.equal(iso(one('ago', [['timespan', ts('1h')]], 'datetime')), '2024-01-15T11:00:00Z');
  assert.equal(iso(one('now', [['timespan', ts('-2d')]], 'datetime')), '2024-01-13T12:00:00Z');
});

test('bin on numbers rounds down to a multiple; a zero bin size is null', () => {
  // bin doc: bin(4.5, 1) is 4; bin(time(16d), 7d) is 14d
  assert.deepEqual(run('bin', [col('real', [4.5, -0.1, -0.5, -0.6]), lit('real', 1, 4)], 'real'), [4, -1, -1, -1]);
  assert.deepEqual(run('bin', [col('long', [-1, 0, 2, 3, 4]), lit('long', 3, 5)], 'long'), [-3, 0, 0, 3, 3]);
  assert.deepEqual(run('bin', [col('timespan', [ts('16d'), ts('26h')]), lit('timespan', ts('7d'), 2)], 'timespan'), [ts('14d'), 0]);
  assert.deepEqual(run('bin', [lit('long', 10), lit('long', 0)], 'long'), [null]);
  assert.deepEqual(run('floor', [lit('real', 4.5), lit('real', 1)], 'real'), [4]);
});

test('bin on datetimes takes the bin size in ticks', () => {
  // bin doc: bin(datetime(1970-05-11 13:45:07), 1d) is 1970-05-11
  assert.equal(iso(one('bin', [['datetime', dt('1970-05-11 13:45:07')], ['timespan', ts('1d')]], 'datetime')), '1970-05-11T00:00:00Z');
  assert.equal(iso(one('bin', [['datetime', dt('2022-03-02 23:04')], ['timespan', ts('1h')]], 'datetime')), '2022-03-02T23:00:00Z');
  assert.equal(iso(one('bin', [['datetime', dt('2024-01-15 12:34:56.789')], ['timespan', ts('5m')]], 'datetime')), '2024-01-15T12:30:00Z');
  // multiples of 7d counted from datetime's zero, 0001-01-01 (a Monday), as .NET ticks are
  assert.equal(iso(one('bin', [['datetime', dt('2024-01-17')], ['timespan', ts('7d')]], 'datetime')), '2024-01-15T00:00:00Z');
});

test('bin_at aligns bins on a fixed point', () => {
  // bin_at doc examples
  assert.equal(one('bin_at', [['real', 6.5], ['real', 2.5], ['real', 7]], 'real'), 4.5);
  assert.equal(one('bin_at', [['timespan', ts('1h')], ['timespan', ts('1d')], ['timespan', ts('12h')]], 'timespan'), -ts('12h'));
  assert.equal(iso(one('bin_at', [['datetime', dt('2017-05-15 10:20:00')], ['timespan', ts('1d')], ['datetime', dt('1970-01-01 12:00:00')]], 'datetime')),
    '2017-05-14T12:00:00Z');
  assert.equal(iso(one('bin_at', [['datetime', dt('2017-05-17 10:20:00')], ['timespan', ts('7d')], ['datetime', dt('2017-06-04')]], 'datetime')),
    '2017-05-14T00:00:00Z');
  assert.equal(one('bin_at', [['long', 13], ['long', 10], ['long', 11]], 'long'), 11);
});

test('startofday/week/month/year with an optional offset', () => {
  // startofweek doc: offsets -1, 0, 1 from 2017-01-01 10:10:17 give 2016-12-25, 2017-01-01, 2017-01-08
  const date = col('datetime', [dt('2017-01-01 10:10:17'), dt('2017-01-01 10:10:17'), dt('2017-01-01 10:10:17')]);
  assert.deepEqual(run('startofweek', [date, col('long', [-1, 0, 1])], 'datetime').map(iso),
    ['2016-12-25T00:00:00Z', '2017-01-01T00:00:00Z', '2017-01-08T00:00:00Z']);
  const d = dt('2025-06-14 10:00');
  assert.equal(iso(one('startofday', [['datetime', d]], 'datetime')), '2025-06-14T00:00:00Z');
  assert.equal(iso(one('startofday', [['datetime', d], ['long', 2]], 'datetime')), '2025-06-16T00:00:00Z');
  assert.equal(iso(one('startofmonth', [['datetime', d], ['long', -2]], 'datetime')), '2025-04-01T00:00:00Z');
  assert.equal(iso(one('startofyear', [['datetime', d], ['long', -1]], 'datetime')), '2024-01-01T00:00:00Z');
  assert.equal(iso(one('startofweek', [['datetime', d]], 'datetime')), '2025-06-08T00:00:00Z');
});

test('endof* is the last instant before the next period (to the microsecond held here)', () => {
  const d = lit('datetime', dt('2020-02-29 23:59:59.999'));
  assert.equal(iso(run('endofday', [d], 'datetime')[0]), '2020-02-29T23:59:59.999999Z');
  assert.equal(iso(run('endofweek', [d], 'datetime')[0]), '2020-02-29T23:59:59.999999Z');
  assert.equal(iso(run('endofmonth', [d], 'datetime')[0]), '2020-02-29T23:59:59.999999Z');
  assert.equal(iso(run('endofyear', [d], 'datetime')[0]), '2020-12-31T23:59:59.999999Z');
  assert.equal(iso(run('endofmonth', [lit('datetime', dt('2017-01-15')), lit('long', 1)], 'datetime')[0]), '2017-02-28T23:59:59.999999Z');
});

test('datetime_diff counts period boundaries (documentation examples)', () => {
  const diff = (part: string, a: string, b: string) =>
    one('datetime_diff', [['string', part], ['datetime', dt(a)], ['datetime', dt(b)]], 'long');
  assert.equal(diff('year', '2017-01-01', '2000-12-31'), 17);
  assert.equal(diff('quarter', '2017-07-01', '2017-03-30'), 2);
  assert.equal(diff('month', '2017-01-01', '2015-12-30'), 13);
  assert.equal(diff('week', '2017-10-29 00:00', '2017-09-30 23:59'), 5);
  assert.equal(diff('day', '2017-10-29 00:00', '2017-09-30 23:59'), 29);
  assert.equal(diff('hour', '2017-10-31 01:00', '2017-10-30 23:59'), 2);
  assert.equal(diff('minute', '2017-10-30 23:05:01', '2017-10-30 23:00:59'), 5);
  assert.equal(diff('second', '2017-10-30 23:00:10.100', '2017-10-30 23:00:00.900'), 10);
  assert.equal(diff('millisecond', '2017-10-30 23:00:00.200100', '2017-10-30 23:00:00.100900'), 100);
  assert.equal(diff('microsecond', '2017-10-30 23:00:00.1009001', '2017-10-30 23:00:00.1008009'), 100);
});

test('datetime_add (documentation examples)', () => {
  const start = dt('2017-01-01');
  const add = (part: string, amount: number) =>
    iso(one('datetime_add', [['string', part], ['long', amount], ['datetime', start]], 'datetime'));
  assert.equal(add('year', 1), '2018-01-01T00:00:00Z');
  assert.equal(add('quarter', 1), '2017-04-01T00:00:00Z');
  assert.equal(add('month', 1), '2017-02-01T00:00:00Z');
  assert.equal(add('week', 1), '2017-01-08T00:00:00Z');
  assert.equal(add('Day', 1), '2017-01-02T00:00:00Z');
  assert.equal(add('hour', 1), '2017-01-01T01:00:00Z');
  assert.equal(add('minute', 1), '2017-01-01T00:01:00Z');
  assert.equal(add('second', 1), '2017-01-01T00:00:01Z');
  assert.equal(add('year', -5), '2012-01-01T00:00:00Z');
  assert.equal(add('quarter', 12), '2020-01-01T00:00:00Z');
  assert.equal(add('month', -15), '2015-10-01T00:00:00Z');
  assert.equal(add('week', 100), '2018-12-02T00:00:00Z');
  assert.throws(() => add('fortnight', 1), NotSupportedError);
});

test('datetime_part (documentation example)', () => {
  const date = dt('2017-10-30 01:02:03.7654321');
  const part = (name: string) => one('datetime_part', [['string', name], ['datetime', date]], 'int');
  assert.deepEqual(
    ['year', 'quarter', 'month', 'week_of_year', 'day', 'dayOfYear', 'hour', 'minute', 'second', 'millisecond', 'microsecond'].map(part),
    [2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432]);
});

test('day, hour, month, year and week parts', () => {
  // dayofweek doc: 1947-11-30 10:00:05 is a Sunday (0d); 1970-05-11 a Monday (1d)
  assert.deepEqual(run('dayofweek', [col('datetime', [dt('1947-11-30 10:00:05'), dt('1970-05-11')])], 'timespan'), [0, ts('1d')]);
  assert.equal(one('dayofmonth', [['datetime', dt('2015-12-14')]], 'int'), 14);
  assert.equal(one('dayofyear', [['datetime', dt('2015-12-14 23:59:59.999')]], 'int'), 348);
  assert.equal(one('hourofday', [['datetime', dt('2015-12-14 18:54:00')]], 'int'), 18);
  assert.equal(one('getmonth', [['datetime', dt('2015-10-12')]], 'int'), 10);
  assert.equal(one('getyear', [['datetime', dt('2015-10-12')]], 'int'), 2015);
  // week_of_year doc: ISO 8601 weeks
  assert.deepEqual(run('week_of_year', [col('datetime', [dt('2020-12-31'), dt('2020-06-15'), dt('1970-01-01'), dt('2000-01-01')])], 'int'),
    [53, 25, 1, 52]);
  assert.deepEqual(run('dayofmonth', [col('datetime', [null])], 'int'), [null]);
});

test('format_datetime (documentation examples)', () => {
  const date = dt('2017-01-29 09:00:05');
  const format = (f: string) => one('format_datetime', [['datetime', date], ['string', f]], 'string');
  assert.equal(format('yy-MM-dd [HH:mm:ss]'), '17-01-29 [09:00:05]');
  assert.equal(format('yyyy-M-dd [H:mm:ss]'), '2017-1-29 [9:00:05]');
  assert.equal(format('yy-MM-dd [hh:mm:ss tt]'), '17-01-29 [09:00:05 AM]');
  const fraction = (f: string) => one('format_datetime', [['datetime', dt('2009-06-15T13:45:30.617')], ['string', f]], 'string');
  assert.equal(fraction('fff'), '617');
  assert.equal(fraction('ffff'), '6170');
  assert.equal(fraction('FFFF'), '617');
  assert.equal(fraction('h tt'), '1 PM');
  assert.equal(one('format_datetime', [['datetime', dt('2009-06-15T13:45:30')], ['string', 'HH:mm:ss.FFF']], 'string'), '13:45:30');
  assert.throws(() => format('MMM d'), NotSupportedError);
  assert.throws(() => format("yyyy'T'"), NotSupportedError);
});

test('format_timespan (documentation examples)', () => {
  const t = lit('timespan', ts('29.09:00:05.12345'));
  assert.deepEqual(run('format_timespan', [t, lit('string', 'dd.hh:mm:ss:FF')], 'string'), ['29.09:00:05:12']);
  assert.deepEqual(run('format_timespan', [t, lit('string', 'ddd.h:mm:ss [fffffff]')], 'string'), ['029.9:00:05 [1234500]']);
});

test('make_datetime, make_timespan, unixtime conversions', () => {
  assert.equal(iso(one('make_datetime', [['long', 2017], ['long', 10], ['long', 1], ['long', 12], ['long', 10], ['real', 10]], 'datetime')),
    '2017-10-01T12:10:10Z');
  assert.equal(one('make_datetime', [['long', 2017], ['long', 13], ['long', 1]], 'datetime'), null);
  assert.equal(one('make_timespan', [['long', 1], ['long', 15]], 'timespan'), ts('01:15:00'));
  assert.equal(one('make_timespan', [['long', 1], ['long', 2], ['long', 3], ['long', 4]], 'timespan'), ts('1.02:03:04'));
  assert.equal(iso(one('unixtime_seconds_todatetime', [['long', 1546300800]], 'datetime')), '2019-01-01T00:00:00Z');
  assert.equal(iso(one('unixtime_milliseconds_todatetime', [['long', 1546300800000]], 'datetime')), '2019-01-01T00:00:00Z');
});

test('a datetime bin below a microsecond is refused', () => {
  assert.throws(() => call('bin', [lit('datetime', dt('2024-01-01')), lit('timespan', 3)], 'datetime'), NotSupportedError);
});
