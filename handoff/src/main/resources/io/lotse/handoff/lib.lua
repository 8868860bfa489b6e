-- Shared by every handoff script: Scripts puts this in front of each one.
--
-- A frame is stored as head .. ',"seq":n' .. tail, where head is '{"type":"…"' and tail the rest
-- of the JSON object, so seq sits right after type and is the list length after the push.
-- Keys of conversations other than the one in KEYS are built from the conversation key prefix
-- (ARGV, '<prefix>:conv:{'), as Keys does in Java: prefix .. id .. '}:meta' and '}:frames'.

local function publish_frame(channel, id, seq)
    redis.call('PUBLISH', channel, '{"type":"frame","conversationId":"' .. id .. '","seq":' .. seq .. '}')
end

local function publish_queue(channel)
    redis.call('PUBLISH', channel, '{"type":"queue"}')
end

-- Stores the frame with the next seq, announces it and returns the seq.
local function append(frames, channel, id, head, tail)
    local seq = redis.call('LLEN', frames) + 1
    redis.call('RPUSH', frames, head .. ',"seq":' .. seq .. tail)
    publish_frame(channel, id, seq)
    return seq
end

-- A conversation's keys live for ms more (the keys that do not exist yet are skipped by Redis).
local function expire_all(ms, meta, frames, ids)
    redis.call('PEXPIRE', meta, ms)
    redis.call('PEXPIRE', frames, ms)
    redis.call('PEXPIRE', ids, ms)
end

-- Average of the recent waits (seconds) or nil without any.
local function average_wait(waits)
    local recent = redis.call('LRANGE', waits, 0, -1)
    if #recent == 0 then
        return nil
    end
    local sum = 0
    for _, wait in ipairs(recent) do
        sum = sum + tonumber(wait)
    end
    return sum / #recent
end

-- Appends a 'handoff queued' frame to every waiting conversation whose position is not the one it
-- was last told, so nobody waits without knowing where they stand.
local function announce_positions(queue, waits, conv, channel, ts)
    local average = average_wait(waits)
    local ids = redis.call('ZRANGE', queue, 0, -1)
    for position, id in ipairs(ids) do
        local meta = conv .. id .. '}:meta'
        if redis.call('HGET', meta, 'position') ~= tostring(position) then
            redis.call('HSET', meta, 'position', position)
            local estimate = 'null'
            if average then
                estimate = string.format('%d', math.floor(average * position + 0.5))
            end
            append(conv .. id .. '}:frames', channel, id, '{"type":"handoff"',
                ',"status":"queued","position":' .. position .. ',"estimatedWaitSeconds":' .. estimate
                .. ',"ts":"' .. ts .. '"}')
        end
    end
end

