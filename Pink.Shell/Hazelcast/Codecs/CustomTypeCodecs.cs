namespace Pink.Shell.Hazelcast;

// Custom types travel as BEGIN, an initial frame of their fixed-size fields, one frame (or structure) per
// variable-size field, END. Decoders skip to END so fields added by a later protocol version are passed over.

/// <summary>Address: port (int) in the initial frame, then host.</summary>
public static class AddressCodec
{
    /// <summary>Appends the address.</summary>
    public static void Encode(ClientMessage message, HzAddress address)
    {
        message.Add(Frame.Begin());
        var initial = new byte[FixSized.IntSize];
        FixSized.WriteInt(initial, 0, address.Port);
        message.Add(new Frame(initial));
        StringCodec.Encode(message, address.Host);
        message.Add(Frame.End());
    }

    /// <summary>Reads an address.</summary>
    public static HzAddress Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "Address");
        var port = FixSized.ReadInt(cursor.Next().Content, 0);
        var host = StringCodec.Decode(cursor);
        cursor.SkipToEndOfStructure();
        return new HzAddress(host, port);
    }
}

/// <summary>MemberVersion: three bytes in the initial frame.</summary>
public static class MemberVersionCodec
{
    /// <summary>Reads a member version.</summary>
    public static MemberVersion Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "MemberVersion");
        var initial = cursor.Next().Content;
        var version = new MemberVersion(FixSized.ReadByte(initial, 0), FixSized.ReadByte(initial, 1), FixSized.ReadByte(initial, 2));
        cursor.SkipToEndOfStructure();
        return version;
    }
}

/// <summary>EndpointQualifier: type (int) in the initial frame, then a nullable identifier.</summary>
public static class EndpointQualifierCodec
{
    /// <summary>Reads an endpoint qualifier.</summary>
    public static EndpointQualifier Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "EndpointQualifier");
        var type = FixSized.ReadInt(cursor.Next().Content, 0);
        var identifier = NullableCodec.Decode(cursor, StringCodec.Decode);
        cursor.SkipToEndOfStructure();
        return new EndpointQualifier(type, identifier);
    }
}

/// <summary>MemberInfo: uuid and liteMember in the initial frame, then address, attributes, version and (2.0.1+) addressMap.</summary>
public static class MemberInfoCodec
{
    /// <summary>Reads a member info.</summary>
    public static MemberInfo Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "MemberInfo");
        var initial = cursor.Next().Content;
        var uuid = FixSized.ReadUuid(initial, 0);
        var lite = FixSized.ReadBool(initial, FixSized.UuidSize);
        var address = AddressCodec.Decode(cursor);
        var attributes = MapCodec.Decode(cursor, StringCodec.Decode, StringCodec.Decode);
        var version = MemberVersionCodec.Decode(cursor);
        var addressMap = cursor.NextIsEnd() ? null : MapCodec.Decode(cursor, EndpointQualifierCodec.Decode, AddressCodec.Decode);
        cursor.SkipToEndOfStructure();
        return new MemberInfo(address, uuid, attributes, lite, version, addressMap);
    }
}

/// <summary>StackTraceElement: lineNumber in the initial frame, then className, methodName, nullable fileName.</summary>
public static class StackTraceElementCodec
{
    /// <summary>Appends a stack trace element.</summary>
    public static void Encode(ClientMessage message, StackTraceElement e)
    {
        message.Add(Frame.Begin());
        var initial = new byte[FixSized.IntSize];
        FixSized.WriteInt(initial, 0, e.LineNumber);
        message.Add(new Frame(initial));
        StringCodec.Encode(message, e.ClassName);
        StringCodec.Encode(message, e.MethodName);
        NullableCodec.Encode(message, e.FileName, StringCodec.Encode);
        message.Add(Frame.End());
    }

    /// <summary>Reads a stack trace element.</summary>
    public static StackTraceElement Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "StackTraceElement");
        var line = FixSized.ReadInt(cursor.Next().Content, 0);
        var className = StringCodec.Decode(cursor);
        var methodName = StringCodec.Decode(cursor);
        var fileName = NullableCodec.Decode(cursor, StringCodec.Decode);
        cursor.SkipToEndOfStructure();
        return new StackTraceElement(className, methodName, fileName, line);
    }
}

/// <summary>ErrorHolder: errorCode in the initial frame, then className, nullable message, stack trace list.</summary>
public static class ErrorHolderCodec
{
    /// <summary>Appends an error holder.</summary>
    public static void Encode(ClientMessage message, ErrorHolder e)
    {
        message.Add(Frame.Begin());
        var initial = new byte[FixSized.IntSize];
        FixSized.WriteInt(initial, 0, e.ErrorCode);
        message.Add(new Frame(initial));
        StringCodec.Encode(message, e.ClassName);
        NullableCodec.Encode(message, e.Message, StringCodec.Encode);
        ListMultiFrameCodec.Encode(message, e.StackTrace, StackTraceElementCodec.Encode);
        message.Add(Frame.End());
    }

    /// <summary>Reads an error holder.</summary>
    public static ErrorHolder Decode(FrameCursor cursor)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "ErrorHolder");
        var code = FixSized.ReadInt(cursor.Next().Content, 0);
        var className = StringCodec.Decode(cursor);
        var text = NullableCodec.Decode(cursor, StringCodec.Decode);
        var trace = ListMultiFrameCodec.Decode(cursor, StackTraceElementCodec.Decode);
        cursor.SkipToEndOfStructure();
        return new ErrorHolder(code, className, text, trace);
    }
}
