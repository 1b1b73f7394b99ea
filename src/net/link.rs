//! The client's side of the protocol, without any I/O: every client (the desktop and
//! browser client, the command line, the networked computer players and the load
//! generator) talks to a server through a `Link`. It numbers requests and keeps each until
//! its reply names it, assembles pushed views from their patches, remembers the seat token
//! a join gave, and after a lost connection starts the new one with `Hello` and `Resume`.
//! The transport (renet2 over UDP, WebSocket or memory, or a host in the same page) only
//! moves the bytes `outgoing` gives it and hands what arrives to `receive`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::protocol::{
    ClientMessage, DecodeError, PROTOCOL_VERSION, Request, ServerFrame, ServerMessage,
    ViewAssembler, encode,
};
use crate::sim::view::SeatView;

/// What arrived, once read.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The reply to a request this link sent, with the request it answers and its id.
    Reply {
        id: u32,
        request: ClientMessage,
        reply: ServerMessage,
    },
    /// A reply naming no request in flight: the server could not read something sent (id
    /// 0), or the request was given up when the connection was lost.
    Stray(ServerMessage),
    /// A seat's view, assembled from the server's patch.
    View(Arc<SeatView>),
}

/// One client's conversation with one server, across reconnections.
#[derive(Default)]
pub struct Link {
    last_id: u32,
    /// Requests sent and not yet answered, by id.
    pending: BTreeMap<u32, ClientMessage>,
    assembler: ViewAssembler,
    /// Encoded requests for the transport to send, in order.
    outgoing: Vec<Vec<u8>>,
    /// The seat token of the last `Joined` (a join or a resume), for reconnecting.
    token: Option<String>,
}

impl Link {
    /// A link whose first request is `Hello`.
    pub fn new() -> Self {
        let mut link = Self::default();
        link.send(hello());
        link
    }

    /// Queues `message`; returns the id its reply will name.
    pub fn send(&mut self, message: ClientMessage) -> u32 {
        self.last_id = self.last_id.wrapping_add(1).max(1);
        let id = self.last_id;
        self.outgoing.push(encode(&Request {
            id,
            message: message.clone(),
        }));
        self.pending.insert(id, message);
        id
    }

    /// The encoded requests to send now, in order.
    pub fn outgoing(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.outgoing)
    }

    /// Reads one frame from the server.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Event, DecodeError> {
        Ok(match self.assembler.decode(bytes)? {
            ServerFrame::Reply { re, message } => match self.pending.remove(&re) {
                Some(request) => {
                    if let ServerMessage::Joined { token, .. } = &message {
                        self.token = Some(token.clone());
                    }
                    Event::Reply {
                        id: re,
                        request,
                        reply: message,
                    }
                }
                None => Event::Stray(message),
            },
            ServerFrame::View(view) => Event::View(view),
            // The assembler turns every patch into a view.
            ServerFrame::ViewPatch { seat, .. } => {
                return Err(DecodeError::Malformed(format!(
                    "an unassembled patch for {seat}"
                )));
            }
        })
    }

    /// Requests in flight, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &ClientMessage> {
        self.pending.values()
    }

    /// Whether a request in flight matches `wanted`.
    pub fn awaits(&self, wanted: impl Fn(&ClientMessage) -> bool) -> bool {
        self.pending.values().any(wanted)
    }

    /// The seat token the server gave this client, if it has joined.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Forget the seat token (the client left the exercise).
    pub fn forget_token(&mut self) {
        self.token = None;
    }

    /// The connection was lost and a new one is open. What was in flight is given up and
    /// returned (the caller says so, or sends it again); the new connection starts with
    /// `Hello` and, with a seat token, `Resume`, whose reply brings the seat's view whole.
    pub fn reconnected(&mut self) -> Vec<ClientMessage> {
        let lost = std::mem::take(&mut self.pending)
            .into_values()
            .filter(|m| {
                !matches!(
                    m,
                    ClientMessage::Hello { .. } | ClientMessage::Resume { .. }
                )
            })
            .collect();
        self.outgoing.clear();
        self.assembler = ViewAssembler::default();
        self.send(hello());
        if let Some(token) = self.token.clone() {
            self.send(ClientMessage::Resume { token });
        }
        lost
    }
}

fn hello() -> ClientMessage {
    ClientMessage::Hello {
        version: PROTOCOL_VERSION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::protocol::{ViewPatcher, decode_client, encode_reply};

    fn id_of(bytes: &[u8]) -> (u32, ClientMessage) {
        let r = decode_client(bytes).expect("a request");
        (r.id, r.message)
    }

    /// Replies are matched by the id they name, not by their order: a later request's
    /// reply that overtakes an earlier one's goes to the later request.
    #[test]
    fn replies_find_their_requests_by_id_in_any_order() {
        let mut link = Link::new();
        let status = link.send(ClientMessage::Status { code: "A".into() });
        let join = link.send(ClientMessage::Join {
            code: "A".into(),
            name: "N".into(),
        });
        let sent: Vec<(u32, ClientMessage)> = link.outgoing().iter().map(|b| id_of(b)).collect();
        assert_eq!(sent.len(), 3, "hello, status and join go out in order");
        assert!(matches!(sent[0].1, ClientMessage::Hello { .. }));
        let joined = ServerMessage::Joined {
            token: "tok".into(),
            seats: Vec::new(),
            title: Default::default(),
            summary: Default::default(),
        };
        match link.receive(&encode_reply(join, joined.clone())).unwrap() {
            Event::Reply { request, reply, .. } => {
                assert!(matches!(request, ClientMessage::Join { .. }));
                assert_eq!(reply, joined);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(link.token(), Some("tok"));
        match link
            .receive(&encode_reply(status, ServerMessage::Ack))
            .unwrap()
        {
            Event::Reply { request, .. } => {
                assert!(matches!(request, ClientMessage::Status { .. }))
            }
            other => panic!("{other:?}"),
        }
        // Answered once: the same id again is a stray.
        assert_eq!(
            link.receive(&encode_reply(status, ServerMessage::Ack))
                .unwrap(),
            Event::Stray(ServerMessage::Ack)
        );
        assert_eq!(link.pending().count(), 1, "only hello is unanswered");
    }

    /// Pushed patches come out as whole views; a reconnection gives up what was in flight,
    /// starts again with hello and resume, and takes the next view whole.
    #[test]
    fn a_reconnection_resumes_with_the_token_and_gives_up_what_was_in_flight() {
        let mut link = Link::new();
        let join = link.send(ClientMessage::Join {
            code: "A".into(),
            name: "N".into(),
        });
        link.receive(&encode_reply(
            join,
            ServerMessage::Joined {
                token: "tok".into(),
                seats: Vec::new(),
                title: Default::default(),
                summary: Default::default(),
            },
        ))
        .unwrap();
        let mut patcher = ViewPatcher::default();
        let (_, view) = crate::sim::view::sample_view();
        let bytes = patcher.patch("tok", Box::new(view.clone())).unwrap();
        assert_eq!(link.receive(&bytes).unwrap(), Event::View(Arc::new(view)));
        link.send(ClientMessage::Status { code: "A".into() });
        link.outgoing();

        let lost = link.reconnected();
        assert!(matches!(lost[..], [ClientMessage::Status { .. }]));
        let sent: Vec<ClientMessage> = link.outgoing().iter().map(|b| id_of(b).1).collect();
        assert!(matches!(
            &sent[..],
            [ClientMessage::Hello { .. }, ClientMessage::Resume { token }] if token == "tok"
        ));
        // A patch that is not whole cannot be applied to a view the link no longer has.
        let partial = br#"{"ViewPatch":{"seat":"x","fields":{"turn":3}}}"#;
        assert!(link.receive(partial).is_err());
    }
}
