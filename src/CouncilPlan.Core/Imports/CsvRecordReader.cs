using System.Buffers;
using System.Text;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// Reads RFC 4180 records straight from UTF-8 bytes, keeping each record's line number (a quoted field
/// may span lines) and its byte offset. Memory is one buffer, which grows only for a record longer than
/// it (up to <see cref="MaxRecordBytes"/>), never with the length of the file.
/// </summary>
internal sealed class CsvRecordReader
{
    public const int MaxRecordBytes = 16 << 20;

    private static readonly SearchValues<byte> Delimiters = SearchValues.Create(",\n\r"u8);

    private readonly Stream stream;
    private byte[] buffer;
    private int pos;
    private int end;
    private bool eof;
    private long bufferOffset;
    private long nextLine = 1;

    private Field[] fields = new Field[16];
    private byte[] scratch = new byte[256];
    private int scratchUsed;
    private int recordStart;

    public CsvRecordReader(Stream stream, int bufferSize = 1 << 20)
    {
        this.stream = stream;
        buffer = new byte[bufferSize];
    }

    /// <summary>The line the current record starts on (1 for the header).</summary>
    public long Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Bytes of the stream consumed so far (including a byte-order mark).</summary>
    public long BytesRead => bufferOffset + pos;

    /// <summary>A problem with the current record's shape (an unclosed quote, bytes that are not UTF-8), or null.</summary>
    public string? RecordError { get; private set; }

    /// <summary>The field <see cref="RecordError"/> is in, or -1 for the record as a whole.</summary>
    public int RecordErrorField { get; private set; }

    /// <summary>True when the current record is one empty field: a blank line.</summary>
    public bool IsBlank => FieldCount == 1 && fields[0].Length == 0 && !fields[0].Quoted;

    /// <summary>Checks the start of the stream: skips a UTF-8 byte-order mark, refuses UTF-16 and UTF-32.</summary>
    public string? ReadPreamble()
    {
        Fill();
        var head = buffer.AsSpan(0, end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            pos = 3;
            return null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8: save it as UTF-8 (in Excel, 'CSV UTF-8')";
        }

        return null;
    }

    public ReadOnlySpan<byte> GetField(int index)
    {
        var field = fields[index];
        return field.InScratch ? scratch.AsSpan(field.Start, field.Length) : buffer.AsSpan(field.Start, field.Length);
    }

    /// <summary>Moves to the next record; false at the end of the stream.</summary>
    public bool Read()
    {
        while (true)
        {
            if (pos >= end && eof)
            {
                return false;
            }

            var outcome = TryParse(out var recordEnd, out var newlines);
            if (outcome == ParseOutcome.NeedMore)
            {
                if (!MakeRoom())
                {
                    // A record longer than the largest buffer: almost always a quote opened and never closed.
                    Line = nextLine;
                    FieldCount = 0;
                    RecordError = $"a row longer than {MaxRecordBytes / (1 << 20)} MB starts here: is a quote (\") opened and not closed?";
                    RecordErrorField = -1;
                    pos = end;
                    eof = true;
                    return true;
                }

                Fill();
                continue;
            }

            Line = nextLine;
            nextLine += newlines;
            if (RecordError is null)
            {
                CheckUtf8(recordStart, recordEnd);
            }

            pos = recordEnd;
            return true;
        }
    }

    private enum ParseOutcome
    {
        Record,
        NeedMore,
    }

    private ParseOutcome TryParse(out int recordEnd, out long newlines)
    {
        recordStart = pos;
        RecordError = null;
        RecordErrorField = -1;
        FieldCount = 0;
        scratchUsed = 0;
        newlines = 0;
        recordEnd = pos;
        var p = pos;
        while (true)
        {
            int fieldEnd;
            if (p < end && buffer[p] == (byte)'"')
            {
                var q = p + 1;
                var escaped = false;
                while (true)
                {
                    var index = buffer.AsSpan(q, end - q).IndexOf((byte)'"');
                    if (index < 0)
                    {
                        if (!eof)
                        {
                            return ParseOutcome.NeedMore;
                        }

                        // A quote opened and the file ended: the rest of the file is this field.
                        newlines += buffer.AsSpan(p, end - p).Count((byte)'\n');
                        AddField(p + 1, end - p - 1, quoted: true, rawStart: p);
                        RecordError = "a quoted field is opened here and not closed before the end of the file";
                        RecordErrorField = FieldCount - 1;
                        recordEnd = end;
                        return ParseOutcome.Record;
                    }

                    q += index;
                    if (q + 1 == end && !eof)
                    {
                        return ParseOutcome.NeedMore;
                    }

                    if (q + 1 < end && buffer[q + 1] == (byte)'"')
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }

                    break;
                }

                newlines += buffer.AsSpan(p + 1, q - p - 1).Count((byte)'\n');
                if (escaped)
                {
                    AddUnescaped(p + 1, q - p - 1, p);
                }
                else
                {
                    AddField(p + 1, q - p - 1, quoted: true, rawStart: p);
                }

                fieldEnd = q + 1;
                if (fieldEnd < end && Delimiters.Contains(buffer[fieldEnd]) is false)
                {
                    // Text after a closing quote: RFC 4180 does not allow it. Skip to the next delimiter.
                    var rest = buffer.AsSpan(fieldEnd, end - fieldEnd).IndexOfAny(Delimiters);
                    if (rest < 0 && !eof)
                    {
                        return ParseOutcome.NeedMore;
                    }

                    RecordError ??= "text follows the closing quote of a quoted field: a quote inside a quoted field is written twice (\"\")";
                    if (RecordErrorField < 0)
                    {
                        RecordErrorField = FieldCount - 1;
                    }

                    fieldEnd = rest < 0 ? end : fieldEnd + rest;
                }
            }
            else
            {
                var index = buffer.AsSpan(p, end - p).IndexOfAny(Delimiters);
                if (index < 0)
                {
                    if (!eof)
                    {
                        return ParseOutcome.NeedMore;
                    }

                    AddField(p, end - p, quoted: false, rawStart: p);
                    recordEnd = end;
                    return ParseOutcome.Record;
                }

                AddField(p, index, quoted: false, rawStart: p);
                fieldEnd = p + index;
            }

            if (fieldEnd >= end)
            {
                if (!eof)
                {
                    return ParseOutcome.NeedMore;
                }

                recordEnd = end;
                return ParseOutcome.Record;
            }

            var c = buffer[fieldEnd];
            if (c == (byte)',')
            {
                p = fieldEnd + 1;
                continue;
            }

            if (c == (byte)'\r')
            {
                if (fieldEnd + 1 >= end && !eof)
                {
                    return ParseOutcome.NeedMore;
                }

                recordEnd = fieldEnd + 1 < end && buffer[fieldEnd + 1] == (byte)'\n' ? fieldEnd + 2 : fieldEnd + 1;
            }
            else
            {
                recordEnd = fieldEnd + 1;
            }

            newlines++;
            return ParseOutcome.Record;
        }
    }

    private void AddField(int start, int length, bool quoted, int rawStart)
    {
        if (FieldCount == fields.Length)
        {
            Array.Resize(ref fields, fields.Length * 2);
        }

        fields[FieldCount++] = new Field(start, length, InScratch: false, quoted, rawStart);
    }

    private void AddUnescaped(int start, int length, int rawStart)
    {
        if (scratch.Length < scratchUsed + length)
        {
            Array.Resize(ref scratch, Math.Max(scratch.Length * 2, scratchUsed + length));
        }

        var source = buffer.AsSpan(start, length);
        var target = scratch.AsSpan(scratchUsed);
        var written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            target[written++] = source[i];
            if (source[i] == (byte)'"')
            {
                i++;
            }
        }

        if (FieldCount == fields.Length)
        {
            Array.Resize(ref fields, fields.Length * 2);
        }

        fields[FieldCount++] = new Field(scratchUsed, written, InScratch: true, Quoted: true, rawStart);
        scratchUsed += written;
    }

    private void CheckUtf8(int start, int recordEnd)
    {
        var bytes = buffer.AsSpan(start, recordEnd - start);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        var at = start + offset;
        RecordErrorField = -1;
        for (var i = 0; i < FieldCount; i++)
        {
            if (fields[i].RawStart <= at)
            {
                RecordErrorField = i;
            }
        }

        RecordError = $"the file is not UTF-8: byte 0x{buffer[at]:X2} at byte offset {bufferOffset + at} cannot be read; save the file as UTF-8 (in Excel, 'CSV UTF-8')";
    }

    /// <summary>Moves the unread part of the buffer to its start, growing it when a record fills it. False when it cannot grow.</summary>
    private bool MakeRoom()
    {
        if (pos == 0 && end == buffer.Length)
        {
            if (buffer.Length >= MaxRecordBytes)
            {
                return false;
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxRecordBytes));
            return true;
        }

        var remaining = end - pos;
        Buffer.BlockCopy(buffer, pos, buffer, 0, remaining);
        bufferOffset += pos;
        pos = 0;
        end = remaining;
        return true;
    }

    private void Fill()
    {
        while (end < buffer.Length)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                eof = true;
                return;
            }

            end += read;
        }
    }

    private readonly record struct Field(int Start, int Length, bool InScratch, bool Quoted, int RawStart);
}
