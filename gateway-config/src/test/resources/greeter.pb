
¨
demo/greeter.protodemo""
HelloRequest
name (	Rname"&

HelloReply
message (	Rmessage28
Greeter-
Hello.demo.HelloRequest.demo.HelloReplybproto3